// The template editor's checker and preview renderer: loaded when an editor first shows (see
// use-template-checker.ts), so the parser (liquidjs), the shipped emails and zod are not in a page's first load.
import { EmailRenderError, renderEmail } from "@/lib/mail/render";
import type { AppLocale } from "@/lib/i18n/locales";
import type { TemplateKind, TemplateSource } from "@/lib/mail/template-variables";
import { hasTemplateProblems, problemMessage, templateProblems } from "@/lib/validation/email-templates";
import type { TemplateSample } from "./template-editor";

export { hasTemplateProblems, problemMessage, templateProblems };

/** The email as the preview shows it, or null when the template can't be rendered. */
export function renderPreview(kind: TemplateKind, locale: AppLocale, source: TemplateSource, sample: TemplateSample) {
  try {
    return renderEmail({ kind, locale, timeZone: sample.timeZone, variables: sample.variables, template: source });
  } catch (error) {
    if (error instanceof EmailRenderError) return null;
    throw error;
  }
}

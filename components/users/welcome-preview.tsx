"use client";

// Add user's preview of the account's welcome email, loaded when "Preview" is first pressed.
import { useMemo } from "react";
import { useTranslations } from "next-intl";
import type { AppLocale } from "@/lib/i18n/locales";
import type { TemplateSource } from "@/lib/mail/template-variables";
import { EmailPreviewFrame } from "../email-templates/email-preview-frame";
import { useTemplateChecker } from "../email-templates/use-template-checker";
import { sampleVariables } from "./welcome-sample";

export function WelcomePreview(props: { template: TemplateSource; locale: AppLocale; timeZone: string; firstName: string; accountName: string; inviterName: string }) {
  const t = useTranslations("addUsers");
  const tTemplates = useTranslations("emailTemplates");
  const checker = useTemplateChecker(); // the renderer (liquidjs, the shipped emails) loads when the preview opens
  const rendered = useMemo(() => {
    if (!checker) return undefined;
    try {
      return checker.renderPreview("welcome", props.locale, props.template, { timeZone: props.timeZone, variables: sampleVariables(props.firstName, props) });
    } catch {
      return null;
    }
  }, [checker, props]);
  if (rendered === undefined) return <p role="status" className="text-sm text-slate-600">{tTemplates("previewLoading")}</p>;
  if (!rendered) return <p role="alert" className="text-sm text-red-700">{t("templateProblems")}</p>;
  return (
    <section aria-label={t("preview")} className="space-y-2">
      <p className="text-sm"><span className="font-medium">{t("previewSubject")}</span> {rendered.subject}</p>
      <EmailPreviewFrame html={rendered.html} title={t("previewFrame")} />
    </section>
  );
}

import { isolate } from "@/lib/bidi";
import type { AppLocale } from "@/lib/i18n/locales";
import {
  buttonLinkOf,
  DEFAULT_TEMPLATES,
  parseTemplate,
  type TemplateKind,
  type TemplatePart,
  type TemplateSource,
  type TemplateVariable,
} from "@/lib/mail/templates";

export interface EmailVariables {
  firstName: string;
  accountName: string;
  inviterName: string;
  invitationUrl?: string;
  expiresAt?: Date;
  productNames?: string[];
  /** An import's file, the number of its rows refused, and its page (importRefused). */
  fileName?: string;
  refusedRows?: number;
  importUrl?: string;
  /** A password reset link (its token a placeholder until delivery), and the sign-in page. */
  resetUrl?: string;
  signInUrl?: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export class EmailRenderError extends Error {
  constructor(readonly reason: "invalidTemplate" | "headerInjection" | "valueTooLong" | "missingValue" | "invalidUrl") {
    super(reason);
  }
}

const MAX_VALUE_LENGTH = 1000;

const escapeHtml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

function formatValues(variables: EmailVariables, locale: AppLocale, timeZone: string): Record<TemplateVariable, string | undefined> {
  const values = {
    firstName: variables.firstName,
    accountName: variables.accountName,
    inviterName: variables.inviterName,
    invitationUrl: variables.invitationUrl,
    expiresAt: variables.expiresAt &&
      new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone, timeZoneName: "short" }).format(variables.expiresAt),
    productNames: variables.productNames && new Intl.ListFormat(locale, { type: "conjunction" }).format(variables.productNames),
    fileName: variables.fileName,
    refusedRows: variables.refusedRows === undefined ? undefined : new Intl.NumberFormat(locale).format(variables.refusedRows),
    importUrl: variables.importUrl,
    resetUrl: variables.resetUrl,
    signInUrl: variables.signInUrl,
  };
  for (const value of Object.values(values)) {
    if (value && value.length > MAX_VALUE_LENGTH) throw new EmailRenderError("valueTooLong");
  }
  for (const url of [values.invitationUrl, values.importUrl, values.resetUrl, values.signInUrl]) if (url && !/^https?:\/\/[^\s"<>]+$/.test(url)) throw new EmailRenderError("invalidUrl");
  // Names go into sentences: a right-to-left one (or one with an override) must not turn them around.
  return {
    ...values, firstName: isolate(values.firstName), accountName: isolate(values.accountName), inviterName: isolate(values.inviterName),
    fileName: values.fileName === undefined ? undefined : isolate(values.fileName),
  };
}

function parse(kind: TemplateKind, source: string): TemplatePart[] {
  const { parts, problems } = parseTemplate(kind, source);
  if (problems.length) throw new EmailRenderError("invalidTemplate");
  return parts;
}

function fill(parts: TemplatePart[], value: (name: TemplateVariable) => string, text: (value: string) => string): string {
  return parts.map((part) => (part.type === "text" ? text(part.value) : value(part.name))).join("");
}

/**
 * Long links (tokens), paths and names wrap inside the email instead of widening it: on the email's
 * box (inherited) and again on every paragraph, for mail clients that drop or don't inherit styles.
 */
const WRAP = "overflow-wrap:anywhere;word-break:break-word";

/**
 * Blank-line-separated paragraphs; a paragraph that is only the email's link (invitation, reset)
 * becomes a button with a localized label, and the URL as a fallback line under it.
 */
function bodyToHtml(kind: TemplateKind, locale: AppLocale, parts: TemplatePart[], values: Record<TemplateVariable, string | undefined>): string {
  const LINK = "\u0000link\u0000";
  const link = buttonLinkOf(kind);
  const marked = fill(parts, (name) => (name === link ? LINK : escapeHtml(values[name] ?? "")), escapeHtml);
  const href = escapeHtml((link && values[link]) ?? "");
  const anchor = `<a href="${href}" style="color:#084a8c;${WRAP}">${href}</a>`;
  const layout = DEFAULT_TEMPLATES[locale].layout;
  const label = escapeHtml(layout.buttons[kind as keyof typeof layout.buttons] ?? href);
  const button =
    `<p style="margin:24px 0;${WRAP}"><a href="${href}" style="display:inline-block;background:#0b5cad;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold;${WRAP}">${label}</a></p>\n` +
    `<p style="margin:0 0 16px;font-size:13px;color:#475569;${WRAP}">${escapeHtml(layout.linkFallback)}<br>${anchor}</p>`;
  return marked
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) =>
      paragraph === LINK ? button : `<p style="margin:0 0 16px;${WRAP}">${paragraph.replaceAll(LINK, anchor).replace(/\r?\n/g, "<br>")}</p>`,
    )
    .join("\n");
}

/**
 * Renders one email in the recipient's language and time zone from the account's template (or the
 * shipped default). Values are HTML-escaped in the HTML part; the subject refuses CR/LF; names are
 * bidi-isolated (lib/bidi.ts).
 */
export function renderEmail(input: {
  kind: TemplateKind;
  locale: AppLocale;
  timeZone: string;
  variables: EmailVariables;
  template?: TemplateSource;
}): RenderedEmail {
  const defaults = DEFAULT_TEMPLATES[input.locale];
  const template = input.template ?? defaults[input.kind];
  const values = formatValues(input.variables, input.locale, input.timeZone);
  const value = (name: TemplateVariable) => {
    const v = values[name];
    if (v === undefined) throw new EmailRenderError("missingValue");
    return v;
  };

  const subject = fill(parse(input.kind, template.subject), value, (t) => t).trim();
  if (/[\r\n]/.test(subject)) throw new EmailRenderError("headerInjection");
  const bodyParts = parse(input.kind, template.body);
  for (const part of bodyParts) if (part.type === "variable") value(part.name);

  const footer = fill(parse(input.kind, defaults.layout.footer), value, (t) => t);
  const text = `${fill(bodyParts, value, (t) => t).trim()}\n\n-- \n${footer}\n`;
  const html = `<!doctype html>
<html lang="${input.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f8fafc">
<div role="article" aria-label="${escapeHtml(subject)}" lang="${input.locale}" style="max-width:600px;margin:0 auto;padding:32px 24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#0f172a;background:#ffffff;${WRAP}">
<p style="margin:0 0 24px;font-weight:bold;color:#084a8c;${WRAP}">${escapeHtml(values.accountName ?? "")}</p>
${bodyToHtml(input.kind, input.locale, bodyParts, values)}
<hr style="border:none;border-top:1px solid #cbd5e1;margin:32px 0 16px">
<p style="margin:0;font-size:13px;color:#475569;${WRAP}">${escapeHtml(footer)}</p>
</div>
</body>
</html>
`;
  return { subject, html, text };
}

"use client";

import { useDeferredValue, useId, useMemo, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { AppLocale } from "@/lib/i18n/locales";
import type { EmailVariables } from "@/lib/mail/render";
import { buttonLinkOf, TEMPLATE_VARIABLES, type TemplateKind, type TemplateSource } from "@/lib/mail/template-variables";
import { BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH, TEMPLATE_FIELDS, type TemplateField } from "@/lib/validation/email-template-limits";
import { characterCount } from "@/lib/validation/length";
import { useHydrated } from "../use-hydrated";
import { EmailPreviewFrame } from "./email-preview-frame";
import { useTemplateChecker } from "./use-template-checker";

/** What the preview fills the variables with, and the time zone its dates are shown in. */
export interface TemplateSample {
  variables: EmailVariables;
  timeZone: string;
}

/** A rendered preview (subject, HTML, text), or null when the template can't be rendered. */
export type InitialPreview = { subject: string; html: string; text: string } | null;

export interface TemplateEditorProps {
  kind: TemplateKind;
  /** The template's language (the preview's), not necessarily the page's. */
  locale: AppLocale;
  subject: string;
  body: string;
  /** Form field names; "subject" and "body" unless the surrounding form needs others. */
  names?: Record<TemplateField, string>;
  sample: TemplateSample;
  /** The preview of subject and body as given, rendered on the server: shown until the renderer loads (and without JavaScript). */
  initialPreview?: InitialPreview;
  /** The server's refusal per field, shown until that field is edited. */
  errors?: Partial<Record<TemplateField, string[]>>;
  /** Level of the preview's heading, to fit the page around the editor. */
  headingLevel?: 2 | 3;
}

/**
 * Subject and body of one email template with a variable picker, every problem listed under its
 * field as you type (the same parseTemplate the server refuses with) and a live preview. Only
 * fields: the surrounding form decides what submitting does, and works without JavaScript. The
 * checker and renderer (liquidjs, the shipped emails) load once the editor shows, not with the page.
 */
export function TemplateEditor({ kind, locale, subject, body, names = { subject: "subject", body: "body" }, sample, initialPreview, errors, headingLevel = 2 }: TemplateEditorProps) {
  const t = useTranslations("emailTemplates");
  const tValidation = useTranslations("validation");
  const id = useId();
  const hydrated = useHydrated();
  const [source, setSource] = useState<TemplateSource>({ subject, body });
  const [target, setTarget] = useState<TemplateField>("body");
  const [serverErrors, setServerErrors] = useState(errors);
  const [shownErrors, setShownErrors] = useState(errors);
  if (errors !== shownErrors) {
    // A new refusal from the server: show it again, even for a field edited since the last one.
    setShownErrors(errors);
    setServerErrors(errors);
  }
  const inputs = { subject: useRef<HTMLInputElement>(null), body: useRef<HTMLTextAreaElement>(null) };
  // Where the caret was in each field; null until the field is used (then a variable goes at the end).
  const carets = useRef<Record<TemplateField, [number, number] | null>>({ subject: null, body: null });

  const checker = useTemplateChecker();
  const problems = useMemo(() => checker?.templateProblems(kind, source), [checker, kind, source]);
  // The length limits are the server's, in characters, checked as the user types (no `maxlength`:
  // it counts UTF-16 units and would silently cut what the server accepts).
  const tooLong = (field: TemplateField) => characterCount(source[field].trim()) > (field === "subject" ? SUBJECT_MAX_LENGTH : BODY_MAX_LENGTH);
  const messages = (field: TemplateField) => [...new Set([
    ...(serverErrors?.[field] ?? []),
    ...(tooLong(field) ? [tValidation("tooLong")] : []),
    ...(problems?.[field] ?? []).map((problem) => {
      const { key, values } = checker!.problemMessage(problem);
      return t(`problems.${key}`, values);
    }),
  ])];
  const previewSource = useDeferredValue(source);
  const preview = useMemo(() => {
    if (!checker) return initialPreview !== undefined && previewSource.subject === subject && previewSource.body === body ? initialPreview : undefined;
    const current = checker.templateProblems(kind, previewSource);
    if (TEMPLATE_FIELDS.some((field) => current[field].length > 0)) return null;
    return checker.renderPreview(kind, locale, previewSource, sample);
  }, [checker, kind, locale, previewSource, sample, initialPreview, subject, body]);

  function change(field: TemplateField, value: string) {
    setSource((current) => ({ ...current, [field]: value }));
    setServerErrors((current) => current && { ...current, [field]: undefined });
  }

  function remember(field: TemplateField, element: HTMLInputElement | HTMLTextAreaElement) {
    carets.current[field] = [element.selectionStart ?? element.value.length, element.selectionEnd ?? element.value.length];
  }

  function insert(variable: string) {
    const element = inputs[target].current;
    if (!element) return;
    const token = `{{ ${variable} }}`;
    const [start, end] = carets.current[target] ?? [element.value.length, element.value.length];
    change(target, element.value.slice(0, start) + token + element.value.slice(end));
    const caret = start + token.length;
    carets.current[target] = [caret, caret];
    requestAnimationFrame(() => {
      element.focus();
      element.setSelectionRange(caret, caret);
    });
  }

  const button = buttonLinkOf(kind);
  const bodyHint = button ? `${t("bodyHint")} ${t("buttonHint", { token: `{{ ${button} }}` })}` : t("bodyHint");

  const field = (name: TemplateField) => {
    const list = messages(name);
    const hint = name === "body" ? bodyHint : undefined;
    const hintId = hint ? `${id}-${name}-hint` : undefined;
    const errorId = list.length ? `${id}-${name}-errors` : undefined;
    const common = {
      id: `${id}-${name}`,
      name: names[name],
      value: source[name],
      required: true,
      "aria-invalid": errorId ? true : undefined,
      "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
      onFocus: () => setTarget(name),
      className: "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-600",
    };
    return (
      <div>
        <label htmlFor={common.id} className="block text-sm font-medium text-slate-800">{t(name)}</label>
        {name === "subject" ? (
          <input
            {...common}
            ref={inputs.subject}
            autoComplete="off"
            onChange={(event) => change("subject", event.target.value)}
            onSelect={(event) => remember("subject", event.currentTarget)}
          />
        ) : (
          <textarea
            {...common}
            ref={inputs.body}
            rows={14}
            onChange={(event) => change("body", event.target.value)}
            onSelect={(event) => remember("body", event.currentTarget)}
          />
        )}
        {hint && <p id={hintId} className="mt-1 text-xs text-slate-600">{hint}</p>}
        {errorId && (
          <ul id={errorId} className="mt-1 space-y-0.5 text-sm text-red-700">
            {list.map((message, index) => <li key={index}>{message}</li>)}
          </ul>
        )}
      </div>
    );
  };

  const Heading = `h${headingLevel}` as const;
  const SubHeading = `h${headingLevel + 1}` as "h3" | "h4";
  const previewId = `${id}-preview`;
  const textId = `${id}-text`;

  return (
    <div className="grid gap-6 2xl:grid-cols-2">
      <div className="min-w-0 space-y-4">
        {field("subject")}
        <fieldset className="rounded-md border border-slate-300 bg-white p-3">
          <legend className="px-1 text-sm font-medium text-slate-800">{t("variablesHeading")}</legend>
          <p id={`${id}-target`} className="mb-2 text-xs text-slate-600">{t(target === "subject" ? "insertIntoSubject" : "insertIntoBody")}</p>
          <div className="flex flex-wrap gap-2">
            {TEMPLATE_VARIABLES[kind].map((variable) => (
              <button
                key={variable}
                type="button"
                disabled={!hydrated}
                aria-describedby={`${id}-target`}
                onClick={() => insert(variable)}
                className="rounded-md border border-slate-400 bg-white px-2 py-1 text-left text-sm hover:bg-slate-100 disabled:opacity-60"
              >
                {t(`variables.${variable}`)} <code className="text-xs text-slate-700">{`{{ ${variable} }}`}</code>
              </button>
            ))}
          </div>
        </fieldset>
        {field("body")}
      </div>
      <section aria-labelledby={previewId} className="min-w-0 space-y-2">
        <Heading id={previewId} className="text-lg font-semibold">{t("preview")}</Heading>
        <p className="text-sm text-slate-600">{t("previewHint")}</p>
        {preview ? (
          <>
            <p className="text-sm">
              {t.rich("previewSubject", { subject: preview.subject, value: (chunks) => <span lang={locale} className="break-anywhere font-medium">{chunks}</span> })}
            </p>
            <EmailPreviewFrame title={t("previewFrame", { subject: preview.subject })} html={preview.html} />
            <section aria-labelledby={textId} className="space-y-2">
              <SubHeading id={textId} className="font-semibold">{t("textPart")}</SubHeading>
              <pre lang={locale} className="break-anywhere whitespace-pre-wrap rounded-md border border-slate-300 bg-white p-3 text-sm">{preview.text}</pre>
            </section>
          </>
        ) : preview === undefined ? (
          // The preview needs JavaScript (its renderer loads after the page): without it, nothing is announced as pending.
          hydrated && <p role="status" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-600">{t("previewLoading")}</p>
        ) : (
          <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("previewUnavailable")}</p>
        )}
      </section>
    </div>
  );
}

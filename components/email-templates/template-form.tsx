"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/form-fields";
import { SubmitButton } from "@/components/submit-button";
import type { AppLocale } from "@/lib/i18n/locales";
import type { TemplateKind } from "@/lib/mail/templates";
import { hasTemplateProblems } from "@/lib/validation/email-templates";
import { TemplateEditor, type TemplateSample } from "./template-editor";
import type { TemplateFormAction } from "./types";
import { failureOf } from "@/lib/actions/result";

interface Props {
  action: TemplateFormAction<unknown>;
  kind: TemplateKind;
  locale: AppLocale;
  subject: string;
  body: string;
  /** Changes whenever the stored template does (saved, reset): the editor starts again from it. */
  version: string;
  sample: TemplateSample;
}

/** The edit page's form: the editor, and Save, refused in the browser while the editor shows problems. */
export function TemplateForm({ action, kind, locale, subject, body, version, sample }: Props) {
  const t = useTranslations("emailTemplates");
  const [state, formAction] = useActionState(action, undefined);
  const [refused, setRefused] = useState(false);
  const failed = failureOf(state);

  function check(event: React.FormEvent<HTMLFormElement>) {
    const data = new FormData(event.currentTarget);
    const problems = hasTemplateProblems(kind, { subject: String(data.get("subject") ?? ""), body: String(data.get("body") ?? "") });
    setRefused(problems);
    if (!problems) return;
    event.preventDefault();
    event.currentTarget.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }

  return (
    <form action={formAction} onSubmit={check} className="space-y-4" noValidate>
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="locale" value={locale} />
      <TemplateEditor key={version} kind={kind} locale={locale} subject={subject} body={body} sample={sample} errors={failed?.fieldErrors} />
      <FormError message={refused ? t("fixFirst") : failed?.formError} />
      {state?.ok && !refused && <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">{t("saved")}</p>}
      <SubmitButton>{t("save")}</SubmitButton>
    </form>
  );
}

"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/form-fields";
import { SubmitButton } from "@/components/submit-button";
import type { AppLocale } from "@/lib/i18n/locales";
import type { TemplateKind } from "@/lib/mail/template-variables";
import { TemplateEditor, type InitialPreview, type TemplateSample } from "./template-editor";
import { loadTemplateChecker, type TemplateChecker } from "./use-template-checker";
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
  /** The stored template's preview, rendered on the server: shown before the editor's renderer loads, and without JavaScript. */
  initialPreview?: InitialPreview;
}

/** The edit page's form: the editor, and Save, refused in the browser while the editor shows problems. */
export function TemplateForm({ action, kind, locale, subject, body, version, sample, initialPreview }: Props) {
  const t = useTranslations("emailTemplates");
  const [state, formAction] = useActionState(action, undefined);
  const [refused, setRefused] = useState(false);
  const failed = failureOf(state);

  // The editor's checker (loaded once it shows); "unavailable" if it could not load: the server still checks.
  const checker = useRef<TemplateChecker | "unavailable" | null>(null);
  useEffect(() => {
    loadTemplateChecker().then((loaded) => (checker.current = loaded), () => undefined);
  }, []);

  function check(event: React.FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    if (checker.current === null) {
      // Submitted before the checker has loaded: wait for it, then submit again.
      event.preventDefault();
      const submitter = (event.nativeEvent as SubmitEvent).submitter;
      const again = (loaded: TemplateChecker | "unavailable") => {
        checker.current = loaded;
        form.requestSubmit(submitter);
      };
      loadTemplateChecker().then(again, () => again("unavailable"));
      return;
    }
    if (checker.current === "unavailable") return;
    const data = new FormData(form);
    const problems = checker.current.hasTemplateProblems(kind, { subject: String(data.get("subject") ?? ""), body: String(data.get("body") ?? "") });
    setRefused(problems);
    if (!problems) return;
    event.preventDefault();
    form.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }

  return (
    <form action={formAction} onSubmit={check} className="space-y-4" noValidate>
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="locale" value={locale} />
      <TemplateEditor key={version} kind={kind} locale={locale} subject={subject} body={body} sample={sample} initialPreview={initialPreview} errors={failed?.fieldErrors} />
      <FormError message={refused ? t("fixFirst") : failed?.formError} />
      {state?.ok && !refused && <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">{t("saved")}</p>}
      <SubmitButton>{t("save")}</SubmitButton>
    </form>
  );
}

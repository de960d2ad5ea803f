"use client";

import Link from "next/link";
import { useActionState, useEffect, useId, useRef } from "react";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/form-fields";
import type { AppLocale } from "@/lib/i18n/locales";
import type { TemplateKind } from "@/lib/mail/templates";
import type { TemplateFormAction } from "./types";
import { firstError } from "@/lib/actions/result";

/**
 * The confirm step of "Reset to default", reached through a link (`?reset=1`) so it works
 * without JavaScript too; after the reset it stays to say so.
 */
export function ResetTemplateForm({ action, kind, locale, cancelHref }: {
  action: TemplateFormAction<unknown>;
  kind: TemplateKind;
  locale: AppLocale;
  cancelHref: string;
}) {
  const t = useTranslations("emailTemplates");
  const questionId = useId();
  const [state, formAction] = useActionState(action, undefined);
  const cancel = useRef<HTMLAnchorElement>(null);
  useEffect(() => cancel.current?.focus(), []); // the safe choice first
  if (state?.ok) return <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">{t("resetDone")}</p>;
  return (
    <form action={formAction} aria-labelledby={questionId} className="max-w-2xl space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="locale" value={locale} />
      <p id={questionId} className="text-sm text-amber-950">{t("resetQuestion")}</p>
      <FormError message={firstError(state)} />
      <div className="flex gap-2">
        <button type="submit" className="rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-on-fill hover:bg-red-800">{t("resetConfirm")}</button>
        <Link ref={cancel} href={cancelHref} className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm hover:bg-slate-100">{t("cancel")}</Link>
      </div>
    </form>
  );
}

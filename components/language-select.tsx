"use client";

import { useActionState, useId, useRef } from "react";
import { useTranslations } from "next-intl";
import { firstError, type ActionResult } from "@/lib/actions/result";
import { LOCALE_NAMES, LOCALES, type AppLocale } from "@/lib/i18n/locales";
import { FormError } from "./form-fields";

type LanguageAction = (previous: unknown, input: FormData) => Promise<ActionResult<{ locale: AppLocale }>>;

/** Picks the interface language. Submits on change with JavaScript; the button serves without it. */
export function LanguageSelect({ action, current }: { action: LanguageAction; current: AppLocale }) {
  const t = useTranslations("language");
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form ref={form} action={formAction} className="flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">{t("label")}</label>
        <select
          id={id}
          name="locale"
          defaultValue={current}
          onChange={() => form.current?.requestSubmit()}
          className="mt-1 rounded-md border border-slate-400 bg-white px-2 py-2 text-sm"
        >
          {LOCALES.map((locale) => (
            <option key={locale} value={locale} lang={locale}>{LOCALE_NAMES[locale]}</option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded-md border border-slate-400 bg-white px-3 py-2 text-sm hover:bg-slate-100">
        {t("apply")}
      </button>
      <FormError message={firstError(state)} />
    </form>
  );
}

"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { failureOf, type ActionResult } from "@/lib/actions/result";
import type { AppLocale } from "@/lib/i18n/locales";
import { MAX_IMPORT_BYTES } from "@/lib/imports/limits";
import { FormError } from "../form-fields";
import { SubmitButton } from "../submit-button";
import { UserSettingsFields, type SettingsOptions } from "../users/user-settings-fields";

type UploadAction = (previous: unknown, input: FormData) => Promise<ActionResult<{ id: string }>>;

/** Import from CSV: the file and the settings its rows start from. Works without JavaScript. */
export function UploadImportForm({ action, options, defaults, sentTooLarge = false }: {
  action: UploadAction;
  options: SettingsOptions;
  defaults: { locale: AppLocale; timeZone: string };
  /** The last post was larger than the server takes (sent back by it, lib/security/body-limit.ts). */
  sentTooLarge?: boolean;
}) {
  const t = useTranslations("imports");
  const [state, formAction] = useActionState(action, undefined);
  const [locale, setLocale] = useState(defaults.locale);
  const [timeZone, setTimeZone] = useState(defaults.timeZone);
  // A file over the limit is refused before it is sent (the server refuses it too).
  const [tooLarge, setTooLarge] = useState<string | null>(sentTooLarge ? t("fileProblems.tooLarge", { limit: MAX_IMPORT_BYTES }) : null);
  const errors = tooLarge ? { file: [tooLarge] } : failureOf(state)?.fieldErrors ?? {};
  const checkSize = (event: React.FormEvent<HTMLFormElement>) => {
    const file = new FormData(event.currentTarget).get("file");
    const refused = file instanceof File && file.size > MAX_IMPORT_BYTES;
    setTooLarge(refused ? t("fileProblems.tooLarge", { limit: MAX_IMPORT_BYTES }) : null);
    if (refused) event.preventDefault();
  };
  const fileErrorId = "import-file-error";
  return (
    <form action={formAction} onSubmit={checkSize} className="space-y-6">
      <FormError message={failureOf(state)?.formError} />
      <div>
        <label htmlFor="import-file" className="block text-sm font-medium text-slate-800">{t("file")}</label>
        <input id="import-file" name="file" type="file" accept=".csv,text/csv,text/plain" required
          aria-describedby={errors.file ? `import-file-hint ${fileErrorId}` : "import-file-hint"} aria-invalid={errors.file ? true : undefined}
          className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2" />
        <p id="import-file-hint" className="mt-1 text-xs text-slate-600">{t("fileHint")}</p>
        {errors.file && <p id={fileErrorId} role="alert" className="mt-1 text-sm text-red-700">{errors.file.join(" ")}</p>}
      </div>
      <p className="text-sm text-slate-700">{t("settingsHint")}</p>
      <UserSettingsFields options={options} errors={errors} locale={locale} timeZone={timeZone} onLocaleChange={setLocale} onTimeZoneChange={setTimeZone} />
      <SubmitButton>{t("checkFile")}</SubmitButton>
    </form>
  );
}

import { createTranslator } from "next-intl";
import { MESSAGES } from "@/lib/i18n/catalogues";
import type { AppLocale } from "@/lib/i18n/locales";

export { MESSAGES };

/** A translator usable anywhere on the server (actions, jobs, emails), outside React too. */
export function translator(locale: AppLocale) {
  return createTranslator({ locale, messages: MESSAGES[locale] });
}

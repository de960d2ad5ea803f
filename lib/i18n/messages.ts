import { createTranslator } from "next-intl";
import de from "@/messages/de.json";
import en from "@/messages/en.json";
import es from "@/messages/es.json";
import fr from "@/messages/fr.json";
import it from "@/messages/it.json";
import nl from "@/messages/nl.json";
import pt from "@/messages/pt.json";
import type { AppLocale } from "@/lib/i18n/locales";

export const MESSAGES: Record<AppLocale, typeof en> = { en, fr, it, de, es, pt, nl };

/** A translator usable anywhere on the server (actions, jobs, emails), outside React too. */
export function translator(locale: AppLocale) {
  return createTranslator({ locale, messages: MESSAGES[locale] });
}

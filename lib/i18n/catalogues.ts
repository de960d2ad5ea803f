import de from "@/messages/de.json";
import en from "@/messages/en.json";
import es from "@/messages/es.json";
import fr from "@/messages/fr.json";
import it from "@/messages/it.json";
import nl from "@/messages/nl.json";
import pt from "@/messages/pt.json";
import type { AppLocale } from "@/lib/i18n/locales";

/** The UI catalogues as data, without next-intl: usable by scripts and workers in any module condition. */
export const MESSAGES: Record<AppLocale, typeof en> = { en, fr, it, de, es, pt, nl };

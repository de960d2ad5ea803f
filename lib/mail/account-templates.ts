import "server-only";
import type { Db } from "@/lib/db/client";
import { LOCALES, type AppLocale } from "@/lib/i18n/locales";
import { DEFAULT_TEMPLATES, type TemplateSource } from "@/lib/mail/templates";

/** The welcome email the account sends in each language: its own version, else the default. */
export async function accountWelcomeTemplates(db: Db, accountId: string): Promise<Record<AppLocale, TemplateSource>> {
  const own = await db.emailTemplate.findMany({ where: { accountId, kind: "welcome" }, select: { locale: true, subject: true, body: true } });
  return Object.fromEntries(
    LOCALES.map((locale) => {
      const found = own.find((o) => o.locale === locale);
      return [locale, found ? { subject: found.subject, body: found.body } : DEFAULT_TEMPLATES[locale].welcome];
    }),
  ) as Record<AppLocale, TemplateSource>;
}

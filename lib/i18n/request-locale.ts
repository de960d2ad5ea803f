import "server-only";
import { cookies, headers } from "next/headers";
import { DEFAULT_LOCALE, LOCALE_COOKIE, resolveLocale, type AppLocale } from "@/lib/i18n/locales";

/** The locale of a request without a signed-in user: cookie, then Accept-Language. */
export async function requestLocale(): Promise<AppLocale> {
  try {
    const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
    return resolveLocale({
      cookieLocale: cookieStore.get(LOCALE_COOKIE)?.value,
      acceptLanguage: headerStore.get("accept-language"),
    });
  } catch {
    return DEFAULT_LOCALE; // outside a request (scripts, tests)
  }
}

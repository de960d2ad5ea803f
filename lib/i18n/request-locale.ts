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

/** Remembers a language choice for this browser (the sign-in page and signed-out visits use it). */
export async function rememberLocale(locale: AppLocale): Promise<void> {
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
}

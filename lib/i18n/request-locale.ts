import "server-only";
import { cookies, headers } from "next/headers";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, resolveLocale, type AppLocale } from "@/lib/i18n/locales";

/**
 * The locale of a request without a signed-in user: cookie, then Accept-Language.
 * `stored`: a language the page's subject chose (an invitation's invitee), which comes after the
 * visitor's explicit choice (the cookie) and before what the browser asks for.
 */
export async function requestLocale(stored?: string | null): Promise<AppLocale> {
  try {
    const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
    const cookieLocale = cookieStore.get(LOCALE_COOKIE)?.value;
    return resolveLocale({
      cookieLocale,
      userLocale: isLocale(cookieLocale) ? undefined : stored,
      acceptLanguage: headerStore.get("accept-language"),
    });
  } catch {
    return isLocale(stored) ? stored : DEFAULT_LOCALE; // outside a request (scripts, tests)
  }
}

/** Remembers a language choice for this browser (the sign-in page and signed-out visits use it). */
export async function rememberLocale(locale: AppLocale): Promise<void> {
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
}

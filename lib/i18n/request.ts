import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/current-user";
import { isLocale, LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/messages";

export default getRequestConfig(async ({ locale: explicit }) => {
  const [user, cookieStore, headerStore] = await Promise.all([getCurrentUser(), cookies(), headers()]);
  // A page that names its locale (getTranslations({ locale }): the invitation page speaks its invitee's) gets that one's messages.
  const locale = isLocale(explicit) ? explicit : resolveLocale({
    userLocale: user?.locale,
    cookieLocale: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerStore.get("accept-language"),
  });
  // Dates are shown in the signed-in user's time zone unless a call says otherwise.
  return { locale, messages: MESSAGES[locale], ...(user && { timeZone: user.timeZone }) };
});

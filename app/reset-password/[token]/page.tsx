import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { LanguageSelect } from "@/components/language-select";
import { ResetPasswordForm } from "@/components/password-reset/reset-password-form";
import { getDb } from "@/lib/db/client";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { resetLinkState } from "@/lib/password-reset/reset";
import { setLocaleCookieAction } from "../../sign-in/actions";

// The token is in the URL: next.config.ts sends `Referrer-Policy: no-referrer` for this page, so no
// link or resource on it passes the URL on; robots keep it out of search engines. Showing the page
// only reads, so a mail scanner opening the link uses nothing up; the password is set by a POST.

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("passwordReset"))("title"), robots: { index: false, follow: false } };
}

type Props = { params: Promise<{ token: string }> };

export default async function ResetPasswordPage({ params }: Props) {
  const { token } = await params;
  const [t, tApp, locale, state] = await Promise.all([getTranslations("passwordReset"), getTranslations("app"), getLocale(), resetLinkState(getDb(), token)]);
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 px-6">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{tApp("name")}</p>
      {state === "open" ? (
        <>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <ResetPasswordForm token={token} />
        </>
      ) : (
        <div className="space-y-3">
          <h1 className="text-2xl font-semibold">{t(`closedTitle.${state}`)}</h1>
          <p>{t(`closed.${state}`)}</p>
          {state !== "unavailable" && <Link href="/forgot-password" className="inline-block text-brand-700 underline">{t("requestNew")}</Link>}
        </div>
      )}
      <Link href="/sign-in" className="text-sm text-brand-700 underline">{t("backToSignIn")}</Link>
      <LanguageSelect action={setLocaleCookieAction} current={isLocale(locale) ? locale : DEFAULT_LOCALE} />
    </main>
  );
}

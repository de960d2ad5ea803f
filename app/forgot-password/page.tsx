import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { LanguageSelect } from "@/components/language-select";
import { ForgotPasswordForm } from "@/components/password-reset/forgot-password-form";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { passwordResetSettings } from "@/lib/password-reset/settings";
import { setLocaleCookieAction } from "../sign-in/actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("passwordReset"))("requestTitle") };
}

export default async function ForgotPasswordPage() {
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const minutes = Math.round(passwordResetSettings().ttlMs / 60_000);
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 px-6">
      <div>
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t("app.name")}</p>
        <h1 className="mt-1 text-2xl font-semibold">{t("passwordReset.requestTitle")}</h1>
        <p className="mt-2 text-sm text-slate-700">{t("passwordReset.requestIntro")}</p>
      </div>
      <ForgotPasswordForm minutes={minutes} />
      <Link href="/sign-in" className="text-sm text-brand-700 underline">{t("passwordReset.backToSignIn")}</Link>
      <LanguageSelect action={setLocaleCookieAction} current={isLocale(locale) ? locale : DEFAULT_LOCALE} />
    </main>
  );
}

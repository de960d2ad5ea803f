import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { LanguageSelect } from "@/components/language-select";
import { getCurrentUser } from "@/lib/auth/current-user";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { safeCallbackPath } from "@/lib/validation/auth";
import { setLocaleCookieAction } from "./actions";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[]; notice?: string }> }) {
  if (await getCurrentUser()) redirect("/");
  const { callbackUrl, notice } = await searchParams;
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 px-6">
      <div>
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t("app.name")}</p>
        <h1 className="mt-1 text-2xl font-semibold">{t("signIn.title")}</h1>
      </div>
      {notice === "passwordChanged" && <p role="status" className="rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900">{t("signIn.passwordChanged")}</p>}
      <SignInForm callbackUrl={callbackUrl ? safeCallbackPath(callbackUrl) : undefined} />
      <Link href="/forgot-password" className="text-sm text-brand-700 underline">{t("passwordReset.forgotLink")}</Link>
      <LanguageSelect action={setLocaleCookieAction} current={isLocale(locale) ? locale : DEFAULT_LOCALE} />
    </main>
  );
}

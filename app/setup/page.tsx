import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { LanguageSelect } from "@/components/language-select";
import { SetupForm } from "@/components/setup/setup-form";
import { getDb } from "@/lib/db/client";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { setupLinkState } from "@/lib/setup/complete-setup";
import { setLocaleCookieAction } from "../sign-in/actions";
import { completeSetupAction } from "./actions";

// Outside the (app) group and public: the first run, before any account (and so any session)
// exists. Once an account exists this page is a 404 for good, whatever the link. Rendering only
// reads: opening the link consumes nothing.

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  // The token is in the URL: keep it out of search engines and out of Referer headers.
  return { title: (await getTranslations("setup"))("title"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

type Props = { searchParams: Promise<{ token?: string | string[] }> };

export default async function SetupPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const given = typeof token === "string" ? token : undefined;
  const state = await setupLinkState(getDb(), given);
  if (state === "done") notFound();
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const closed = state === "open" ? null : state;
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-xl flex-col justify-center gap-6 px-6 py-10">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t("app.name")}</p>
      {!closed && given ? (
        <>
          <div className="space-y-2">
            <h1 className="text-2xl font-semibold">{t("setup.title")}</h1>
            <p className="text-slate-700">{t("setup.intro")}</p>
          </div>
          <SetupForm action={completeSetupAction} token={given} />
        </>
      ) : (
        <div className="space-y-3">
          <h1 className="text-2xl font-semibold">{t(`setup.closedTitle.${closed ?? "unknown"}`)}</h1>
          <p>{t(`setup.closed.${closed ?? "unknown"}`)}</p>
        </div>
      )}
      <LanguageSelect action={setLocaleCookieAction} current={isLocale(locale) ? locale : DEFAULT_LOCALE} />
    </main>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/current-user";
import { readPendingSignIn } from "@/lib/auth/pending-sign-in";
import { secondStepMethods } from "@/lib/auth/two-step";
import { getDb } from "@/lib/db/client";
import { PasskeySignIn } from "./passkey-sign-in";
import { RecoveryCodeStepForm, TotpStepForm } from "./second-step-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn.verify"))("title") };
}

/**
 * The second step of a sign-in: opened only with a valid pending state (decision 0020). The method
 * is in the address (links, so it works without JavaScript): the user's own methods by default
 * (the app's code, a passkey, or both), or a recovery code.
 */
export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ method?: string | string[] }> }) {
  if (await getCurrentUser()) redirect("/");
  const pending = await readPendingSignIn();
  if (!pending) redirect("/sign-in");
  const recovery = (await searchParams).method === "recoveryCode";
  const methods = await secondStepMethods(getDb(), pending.userId);
  const t = await getTranslations();
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 px-6">
      <div>
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t("app.name")}</p>
        <h1 className="mt-1 text-2xl font-semibold">{t("signIn.verify.title")}</h1>
      </div>
      {recovery ? (
        <>
          <p className="text-sm text-slate-700">{t("signIn.verify.recoveryIntro")}</p>
          <RecoveryCodeStepForm />
        </>
      ) : (
        <>
          {methods.totp && <p className="text-sm text-slate-700">{t("signIn.verify.intro")}</p>}
          {methods.totp && <TotpStepForm />}
          {methods.passkey && <PasskeySignIn />}
        </>
      )}
      <div className="flex flex-col gap-2 text-sm">
        {recovery ? (
          <Link href="/sign-in/verify" className="text-brand-700 underline">{t("signIn.verify.useAnotherMethod")}</Link>
        ) : (
          <Link href="/sign-in/verify?method=recoveryCode" className="text-brand-700 underline">{t("signIn.verify.useRecoveryCode")}</Link>
        )}
        <Link href="/sign-in" className="text-slate-700 underline">{t("signIn.verify.startOver")}</Link>
      </div>
    </main>
  );
}

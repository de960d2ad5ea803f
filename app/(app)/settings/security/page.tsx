import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { TwoStepPolicyForm } from "@/components/security/two-step-policy-form";
import { accountSecurity } from "@/lib/account/security";
import { requirePermission } from "@/lib/auth/require";
import { TWO_STEP_SETUP_PATH } from "@/lib/auth/two-step-policy";
import { getDb } from "@/lib/db/client";
import { saveTwoStepPolicyAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("securitySettings"))("title") };
}

export default async function SecuritySettingsPage() {
  const user = await requirePermission("security.manage");
  const [t, security] = await Promise.all([getTranslations("securitySettings"), accountSecurity(getDb(), user.accountId)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <section aria-labelledby="two-step-heading" className="space-y-3">
        <h2 id="two-step-heading" className="text-lg font-semibold">{t("twoStepHeading")}</h2>
        <p className="max-w-3xl text-slate-600">{t("intro")}</p>
        {!user.twoStepEnabled && (
          <p className="max-w-3xl rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            {t("ownFactorMissing")} <Link href={TWO_STEP_SETUP_PATH} className="font-medium underline">{t("setUpOwn")}</Link>
          </p>
        )}
        <TwoStepPolicyForm action={saveTwoStepPolicyAction} policy={security.twoStepPolicy} graceDays={security.twoStepGraceDays} />
      </section>
    </div>
  );
}

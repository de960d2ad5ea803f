import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TwoStepPolicyForm } from "@/components/security/two-step-policy-form";
import { accountSecurity } from "@/lib/account/security";
import { requirePermission } from "@/lib/auth/require";
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
        <TwoStepPolicyForm action={saveTwoStepPolicyAction} policy={security.twoStepPolicy} graceDays={security.twoStepGraceDays} />
      </section>
    </div>
  );
}

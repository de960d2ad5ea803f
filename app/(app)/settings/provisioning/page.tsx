import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AddRuleForm, RemoveRuleButton } from "@/components/provisioning/rule-forms";
import { TableRegion } from "@/components/table-region";
import { getAccountOverview } from "@/lib/account/overview";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import { listGroups } from "@/lib/groups/groups";
import { listProvisioningRules } from "@/lib/provisioning/rules";
import { createProvisioningRuleAction, deleteProvisioningRuleAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("provisioning"))("title") };
}

export default async function ProvisioningPage() {
  const user = await requirePermission("licences.assign");
  const db = getDb();
  const [t, rules, groups, overview] = await Promise.all([
    getTranslations("provisioning"),
    listProvisioningRules(db, user.accountId),
    listGroups(db, user.accountId, user.locale),
    getAccountOverview(db, user.accountId),
  ]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          {t("intro")} <Link href="/settings/api-tokens" className="underline">{t("tokensLink")}</Link>
        </p>
      </div>
      <section aria-labelledby="add-rule-heading" className="space-y-2">
        <h2 id="add-rule-heading" className="text-lg font-semibold">{t("addHeading")}</h2>
        <AddRuleForm
          action={createProvisioningRuleAction}
          groups={groups.map((g) => ({ value: g.id, label: g.name }))}
          products={overview.subscriptions.map((s) => ({ value: s.id, label: s.productName }))}
        />
      </section>
      {rules.length === 0 ? (
        <p className="text-slate-600">{t("empty")}</p>
      ) : (
        <div className="max-w-3xl">
          <TableRegion label={t("title")}>
            <table className="w-full border-collapse bg-white text-sm">
              <caption className="sr-only">{t("title")}</caption>
              <thead className="bg-slate-100 text-left">
                <tr>
                  <th scope="col" className="px-3 py-2">{t("group")}</th>
                  <th scope="col" className="px-3 py-2">{t("product")}</th>
                  <th scope="col" className="w-1 px-3 py-2 whitespace-nowrap">{t("actions")}</th>
                </tr>
              </thead>
              <tbody>
                {rules.map((rule) => (
                  <tr key={rule.id} className="border-t border-slate-200">
                    <th scope="row" className="break-anywhere px-3 py-2 text-left font-normal">{rule.group.name}</th>
                    <td className="px-3 py-2">{rule.product.name}</td>
                    <td className="px-3 py-2">
                      <RemoveRuleButton action={deleteProvisioningRuleAction} id={rule.id} label={t("removeLabel", { group: rule.group.name, product: rule.product.name })} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </div>
      )}
    </div>
  );
}

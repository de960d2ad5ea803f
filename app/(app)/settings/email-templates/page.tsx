import type { Metadata } from "next";
import Link from "next/link";
import { TableRegion } from "@/components/table-region";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/badge";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import { LOCALE_NAMES } from "@/lib/i18n/locales";
import { listTemplates } from "@/lib/mail/template-admin";
import { CUSTOMIZABLE_KINDS } from "@/lib/mail/templates";
import { isolate } from "@/lib/bidi";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("emailTemplates"))("title") };
}

export default async function EmailTemplatesPage() {
  const user = await requirePermission("templates.manage");
  const [t, format, templates] = await Promise.all([getTranslations("emailTemplates"), getFormatter(), listTemplates(getDb(), user.accountId)]);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-slate-600">{t("intro")}</p>
      </div>
      {CUSTOMIZABLE_KINDS.map((kind) => (
        <section key={kind} aria-labelledby={`kind-${kind}`} className="space-y-2">
          <h2 id={`kind-${kind}`} className="text-lg font-semibold">{t(`kinds.${kind}`)}</h2>
          <p className="text-sm text-slate-600">{t(`kindHints.${kind}`)}</p>
          <div className="max-w-4xl">
          <TableRegion label={t(`kinds.${kind}`)}>
          <table className="w-full border-collapse bg-white text-sm">
            <caption className="sr-only">{t(`kinds.${kind}`)}</caption>
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">{t("language")}</th>
                <th scope="col" className="px-3 py-2">{t("statusLabel")}</th>
                <th scope="col" className="px-3 py-2">{t("lastEdited")}</th>
              </tr>
            </thead>
            <tbody>
              {templates.filter((template) => template.kind === kind).map((template) => (
                <tr key={template.locale} className="border-t border-slate-200">
                  <th scope="row" className="px-3 py-2 text-left font-normal">
                    <Link href={`/settings/email-templates/${kind}/${template.locale}`} lang={template.locale} className="text-brand-700 underline">
                      {LOCALE_NAMES[template.locale]}
                    </Link>
                  </th>
                  <td className="px-3 py-2">
                    <Badge tone={template.customized ? "info" : "neutral"} label={template.customized ? t("customized") : t("default")} />
                  </td>
                  <td className="min-w-48 px-3 py-2 break-anywhere">
                    {template.updatedAt
                      ? t("editedByAt", {
                          name: template.updatedBy ? isolate(template.updatedBy) : t("formerUser"),
                          date: format.dateTime(template.updatedAt, { dateStyle: "medium", timeStyle: "short", timeZone: user.timeZone }),
                        })
                      : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableRegion>
          </div>
        </section>
      ))}
      <section aria-labelledby="kind-transferInvitation" className="space-y-2">
        <h2 id="kind-transferInvitation" className="text-lg font-semibold">{t("kinds.transferInvitation")}</h2>
        <p className="max-w-3xl text-sm text-slate-600">{t("kindHints.transferInvitation")} {t("notCustomizable")}</p>
      </section>
    </div>
  );
}

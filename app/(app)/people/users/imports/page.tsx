import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import { listImports } from "@/lib/imports/batches";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("imports"))("history") };
}

export default async function ImportHistoryPage() {
  const user = await requirePermission("imports.manage");
  const [t, format, batches] = await Promise.all([getTranslations("imports"), getFormatter(), listImports(getDb(), user.accountId)]);
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: user.timeZone }) : "—");
  return (
    <div className="space-y-4">
      <Link href="/people/users/import" className="text-sm text-brand-700 underline">{t("title")}</Link>
      <h1 className="text-2xl font-semibold">{t("history")}</h1>
      {batches.length === 0 ? <p className="rounded-md border border-slate-200 bg-white p-6">{t("noImports")}</p> : (
        <table className="w-full border-collapse bg-white text-sm">
          <caption className="sr-only">{t("history")}</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left">
              <th scope="col" className="px-3 py-2">{t("fileColumn")}</th>
              <th scope="col" className="px-3 py-2">{t("importedBy")}</th>
              <th scope="col" className="px-3 py-2">{t("committedColumn")}</th>
              <th scope="col" className="px-3 py-2">{t("scheduledColumn")}</th>
              <th scope="col" className="px-3 py-2">{t("statusLabel")}</th>
              <th scope="col" className="px-3 py-2">{t("rowsColumn")}</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id} className="border-b border-slate-100">
                <td className="px-3 py-2"><Link href={`/people/users/imports/${b.id}`} className="text-brand-700 underline">{b.fileName}</Link></td>
                <td className="px-3 py-2">{b.createdBy ? `${b.createdBy.firstName} ${b.createdBy.lastName}`.trim() : t("formerUser")}</td>
                <td className="px-3 py-2">{when(b.committedAt)}</td>
                <td className="px-3 py-2">{when(b.scheduledFor)}</td>
                <td className="px-3 py-2">{t(`status.${b.status}`)}</td>
                <td className="px-3 py-2">
                  {t("rowCounts", { done: b.counts.DONE, failed: b.counts.FAILED, pending: b.counts.PENDING, invalid: b.counts.INVALID })}
                  {b.refused > 0 && <span className="block text-red-800">{t("refusedCount", { rows: b.refused })}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, type Tone } from "@/components/badge";
import { button } from "@/components/button-styles";
import { TableRegion } from "@/components/table-region";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import type { ImportStatus } from "@/lib/generated/prisma/enums";
import { listImports } from "@/lib/imports/batches";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("imports"))("history") };
}

const TONES: Record<ImportStatus, Tone> = {
  DRAFT: "warning",
  SCHEDULED: "info",
  REFLECTING: "info",
  DONE: "success",
  DONE_WITH_ERRORS: "danger",
  CANCELLED: "neutral",
};

export default async function ImportHistoryPage() {
  const user = await requirePermission("imports.manage");
  const [t, format, batches] = await Promise.all([getTranslations("imports"), getFormatter(), listImports(getDb(), user.accountId)]);
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: user.timeZone }) : "—");
  return (
    <div className="break-anywhere space-y-4">
      <Link href="/people/users/import" className="text-sm text-brand-700 underline">{t("title")}</Link>
      <h1 className="text-2xl font-semibold">{t("history")}</h1>
      {batches.length === 0 ? <p className="rounded-md border border-slate-200 bg-white p-6">{t("noImports")}</p> : (
        <TableRegion label={t("history")} stickyFirstColumn>
          <table className="w-full border-collapse bg-white text-sm">
            <caption className="sr-only">{t("history")}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left">
                <th scope="col" className="bg-white px-3 py-2">{t("fileColumn")}</th>
                <th scope="col" className="px-3 py-2">{t("importedBy")}</th>
                <th scope="col" className="px-3 py-2">{t("committedColumn")}</th>
                <th scope="col" className="px-3 py-2">{t("scheduledColumn")}</th>
                <th scope="col" className="px-3 py-2">{t("statusColumn")}</th>
                <th scope="col" className="px-3 py-2">{t("rowsColumn")}</th>
                <th scope="col" className="px-3 py-2"><span className="sr-only">{t("actionsColumn")}</span></th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => {
                const draft = b.status === "DRAFT";
                return (
                  <tr key={b.id} className="border-b border-slate-100">
                    <td className="bg-white px-3 py-2"><Link href={`/people/users/imports/${b.id}`} className="break-anywhere text-brand-700 underline">{b.fileName}</Link></td>
                    <td className="px-3 py-2">{b.createdBy ? `${b.createdBy.firstName} ${b.createdBy.lastName}`.trim() : t("formerUser")}</td>
                    <td className="px-3 py-2">{when(b.committedAt)}</td>
                    <td className="px-3 py-2">{when(b.scheduledFor)}</td>
                    <td className="px-3 py-2 whitespace-nowrap"><Badge tone={TONES[b.status]} label={draft ? t("draft") : t(`status.${b.status}`)} /></td>
                    <td className="px-3 py-2">
                      {t("rowCounts", { done: b.counts.DONE, failed: b.counts.FAILED, pending: b.counts.PENDING, invalid: b.counts.INVALID })}
                      {b.refused > 0 && <span className="block text-red-800">{t("refusedCount", { rows: b.refused })}</span>}
                    </td>
                    <td className="px-3 py-2">
                      {draft && (
                        <Link href={`/people/users/imports/${b.id}`} aria-label={t("continueLabel", { fileName: b.fileName })} className={`${button.secondary} ${button.small}`}>
                          {t("continue")}
                        </Link>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      )}
    </div>
  );
}

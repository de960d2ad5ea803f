import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { BreakableEmail } from "@/components/imports/breakable-email";
import { DelayNotice } from "@/components/imports/delay-notice";
import { ImportButton } from "@/components/imports/import-buttons";
import { ResultToast } from "@/components/imports/result-toast";
import { TableRegion } from "@/components/table-region";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import { findImport } from "@/lib/imports/batches";
import { IMPORT_COLUMNS } from "@/lib/imports/columns";
import { describeRow } from "@/lib/imports/problems";
import { reflectionDelay } from "@/lib/imports/settings";
import { cancelImportAction, commitImportAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("imports"))("detailTitle") };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The toasts an action that ends here asks for (`?done=`), by the batch's status they must match. */
const RESULTS = { confirmed: "SCHEDULED", cancelled: "CANCELLED" } as const;

export default async function ImportDetailPage({ params, searchParams }: Props) {
  const user = await requirePermission("imports.manage");
  const { id } = await params;
  const { done } = await searchParams;
  const batch = await findImport(getDb(), user.accountId, id);
  if (!batch) notFound();
  const [t, tAll, format] = await Promise.all([getTranslations("imports"), getTranslations(), getFormatter()]);
  const translate = tAll as unknown as (key: string, values?: Record<string, string | number>) => string;
  // In the viewer's time zone, named: "Mar 4, 2031, 2:06 PM (Asia/Tokyo)".
  const when = (d: Date) => `${format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: user.timeZone })} (${user.timeZone})`;
  const importable = batch.counts.PENDING;
  const withProblems = batch.counts.INVALID;
  const draft = batch.status === "DRAFT";
  const result = done === "confirmed" || done === "cancelled" ? done : undefined;

  return (
    <div className="break-anywhere space-y-4">
      <Link href={draft ? "/people/users/import" : "/people/users/imports"} className="text-sm text-brand-700 underline">{draft ? t("backToUpload") : t("backToHistory")}</Link>
      <h1 className="text-2xl font-semibold">{draft ? t("reportTitle", { fileName: batch.fileName }) : t("batchTitle", { fileName: batch.fileName })}</h1>
      {result && batch.status === RESULTS[result] && <ResultToast message={t(`toast.${result}`)} />}
      {!draft && <p><span className="font-medium">{t("statusLabel")}</span> {t(`status.${batch.status}`)}</p>}

      {draft && (
        <>
          <p role="status">{t("reportSummary", { ready: importable, problems: withProblems, total: batch.rowCount })}</p>
          {importable > 0 && <DelayNotice delay={reflectionDelay()} />}
        </>
      )}
      {batch.status === "SCHEDULED" && batch.scheduledFor && (
        <p role="status" className="rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm">
          {t("scheduledNotice", { relative: format.relativeTime(batch.scheduledFor), time: when(batch.scheduledFor) })}
        </p>
      )}
      {batch.refused > 0 && (
        <p role="status" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">{t("refusedNotice", { rows: batch.refused })}</p>
      )}
      {batch.ignoredColumns.length > 0 && <p className="text-sm text-slate-700">{t("ignoredColumns", { columns: batch.ignoredColumns.join(", ") })}</p>}

      <div className="flex flex-wrap items-start gap-3">
        {draft && importable > 0 && <ImportButton action={commitImportAction} id={batch.id} label={t("commit", { count: importable })} />}
        {draft && <ImportButton action={cancelImportAction} id={batch.id} label={t("discard")} secondary />}
        {batch.status === "SCHEDULED" && <ImportButton action={cancelImportAction} id={batch.id} label={t("cancel")} secondary />}
        {withProblems > 0 && <a href={`/people/users/imports/${batch.id}/errors`} download className="self-center text-brand-700 underline">{t("downloadErrors")}</a>}
      </div>

      <TableRegion label={t("rowsCaption")}>
      <table className="w-full border-collapse bg-white text-sm">
        <caption className="sr-only">{t("rowsCaption")}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left">
            <th scope="col" className="px-3 py-2">{t("rowColumn")}</th>
            {IMPORT_COLUMNS.slice(0, 3).map((c) => <th key={c} scope="col" className="px-3 py-2">{tAll(`imports.columns.${c}`)}</th>)}
            <th scope="col" className="px-3 py-2">{t("outcomeColumn")}</th>
          </tr>
        </thead>
        <tbody>
          {batch.rows.map((row) => {
            const cells = row.cells as Record<string, string>;
            return (
              <tr key={row.rowNumber} className="border-b border-slate-100 align-top">
                <td className="px-3 py-2">{row.rowNumber}</td>
                <td className="px-3 py-2">{cells.firstName}</td>
                <td className="px-3 py-2">{cells.lastName}</td>
                <td className="px-3 py-2"><BreakableEmail email={cells.email} /></td>
                <td className={`px-3 py-2 ${row.status === "INVALID" || row.status === "FAILED" ? "text-red-800" : ""}`}>{describeRow(translate, row)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      </TableRegion>
    </div>
  );
}

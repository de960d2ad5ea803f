import { permittedUser } from "@/lib/auth/require";
import { csvResponse } from "@/lib/csv/write";
import { getDb } from "@/lib/db/client";
import { findImport } from "@/lib/imports/batches";
import type { ImportColumn } from "@/lib/imports/columns";
import { errorRowsCsv } from "@/lib/imports/csv-out";
import { describeRow } from "@/lib/imports/problems";
import { translator } from "@/lib/i18n/messages";

/** The rows of an import that won't be imported, with their reasons, formula-escaped. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await permittedUser("imports.manage");
  const { id } = await params;
  const batch = user && (await findImport(getDb(), user.accountId, id));
  if (!user || !batch) return new Response("Not found", { status: 404 });
  const t = translator(user.locale) as unknown as (key: string, values?: Record<string, string | number>) => string;
  const rows = batch.rows
    .filter((r) => r.status === "INVALID" || r.status === "FAILED")
    .map((r) => ({ row: r.rowNumber, raw: r.cells as Record<ImportColumn, string>, reasons: [describeRow(t, r)] }));
  return csvResponse(errorRowsCsv(user.locale, rows), `import-errors-${batch.id.slice(0, 8)}.csv`);
}

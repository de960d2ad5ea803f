import type { NextRequest } from "next/server";
import { exportAuditCsv } from "@/lib/audit/export";
import { auditFilters, parseAuditListParams } from "@/lib/audit/list-params";
import { auditWhere } from "@/lib/audit/queries";
import { permittedUser } from "@/lib/auth/require";
import { csvResponse } from "@/lib/csv/write";
import { getDb } from "@/lib/db/client";

/** Export CSV: every event the audit log shows with the same filters, all pages of them. */
export async function GET(request: NextRequest) {
  const user = await permittedUser("audit.read");
  if (!user) return new Response("Not found", { status: 404 });
  const filters = auditFilters(parseAuditListParams(Object.fromEntries(request.nextUrl.searchParams)));
  const where = await auditWhere(getDb(), user.accountId, filters, user.timeZone);
  const stamp = new Date().toISOString().slice(0, 10);
  return csvResponse(exportAuditCsv(getDb(), user.accountId, where, user), `audit-log-${stamp}.csv`);
}

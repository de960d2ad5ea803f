// REST operations on CSV imports: the same file, checks, report, confirmation and delayed
// application as Import from CSV (the page's own actions), the file sent as the request's body.
import "server-only";
import { z } from "zod";
import { cancelImportAction, commitImportAction, uploadImportAction } from "@/app/(app)/people/users/imports/actions";
import { accountAction, invokeAs } from "@/lib/actions/define-action";
import { NotFoundError } from "@/lib/actions/errors";
import { AccountRole, ImportStatus } from "@/lib/generated/prisma/enums";
import { LOCALES } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/messages";
import { findImport, listImports } from "@/lib/imports/batches";
import { MAX_IMPORT_BYTES } from "@/lib/imports/limits";
import { describeRow } from "@/lib/imports/problems";
import { getDb } from "@/lib/db/client";
import { json, outcomeResponse } from "../problem";
import { defineOperation } from "./operation";

const isoDate = z.iso.datetime({ offset: true });
const counts = z.object({ INVALID: z.number().int(), PENDING: z.number().int(), DONE: z.number().int(), FAILED: z.number().int() });

const importSummary = z.object({
  id: z.uuid(),
  fileName: z.string(),
  status: z.enum(ImportStatus),
  rowCount: z.number().int(),
  /** Rows by state: INVALID (not imported), PENDING (to apply), DONE, FAILED (with their reason). */
  counts,
  scheduledFor: isoDate.nullable(),
  finishedAt: isoDate.nullable(),
}).meta({ id: "ImportSummary" });

const importReport = importSummary.extend({
  ignoredColumns: z.array(z.string()),
  rows: z.array(z.object({
    row: z.number().int(),
    /** The file's cells, by column. */
    cells: z.record(z.string(), z.string()),
    status: z.enum(["INVALID", "PENDING", "DONE", "FAILED"]),
    outcome: z.string().nullable(),
    /** What the check found or what applying did, in the language of Accept-Language. */
    message: z.string(),
  })),
}).meta({ id: "ImportReport" });

const importIdParam = z.object({ id: z.uuid({ error: "validation.invalid" }) });
const iso = (date: Date | null) => date?.toISOString() ?? null;

export const getImportRead = accountAction({
  name: "api.imports.get",
  permission: "imports.manage",
  input: importIdParam,
  readOnly: true,
  handler: async ({ id }, ctx) => {
    const batch = await findImport(getDb(), ctx.accountId, id);
    if (!batch) throw new NotFoundError();
    const t = translator(ctx.locale) as (key: string, values?: Record<string, string | number>) => string;
    return {
      id: batch.id, fileName: batch.fileName, status: batch.status, rowCount: batch.rowCount, counts: batch.counts,
      scheduledFor: iso(batch.scheduledFor), finishedAt: iso(batch.finishedAt), ignoredColumns: batch.ignoredColumns,
      rows: batch.rows.map((r) => ({ row: r.rowNumber, cells: r.cells as Record<string, string>, status: r.status, outcome: r.outcome, message: describeRow(t, r) })),
    };
  },
});

export const listImportsRead = accountAction({
  name: "api.imports.list",
  permission: "imports.manage",
  input: z.object({}),
  readOnly: true,
  handler: async (_input, ctx) => ({
    data: (await listImports(getDb(), ctx.accountId)).map((b) => ({
      id: b.id, fileName: b.fileName, status: b.status, rowCount: b.rowCount, counts: b.counts, scheduledFor: iso(b.scheduledFor), finishedAt: iso(b.finishedAt),
    })),
  }),
});

const uploadQuery = z.object({
  /** Products every row gets, comma-separated codes. */
  products: z.string().optional(),
  role: z.enum(AccountRole).optional(),
  locale: z.enum(LOCALES).optional(),
  timeZone: z.string().optional(),
  /** A group id for every row (a row's own group cell wins), or "none". */
  groupId: z.string().optional(),
  fileName: z.string().max(200).optional(),
});

export const uploadImportOp = defineOperation({
  id: "uploadImport",
  method: "POST",
  path: "/imports",
  tag: "Imports",
  summary: "Check a CSV file of users",
  description: "The CSV file is the body (Content-Type: text/csv, at most 1 MB and 100 rows, the columns of the page's template). Nothing is imported yet: the answer is the report of each row; confirm with POST /imports/{id}/commit. Settings in the query apply to every row whose cells don't say otherwise (defaults: role MEMBER, language en, time zone UTC, no group, no products).",
  permission: "imports.manage",
  query: uploadQuery,
  upload: { mediaTypes: ["text/csv", "text/plain", "application/octet-stream"], maxBytes: MAX_IMPORT_BYTES, tooLarge: (locale) => translator(locale)("imports.fileProblems.tooLarge", { limit: MAX_IMPORT_BYTES }) },
  responses: { 201: importReport },
  handle: async ({ principal, locale }, { query, file }) => {
    const input = {
      file: new File([new Uint8Array(file!)], query.fileName || "import.csv", { type: "text/csv" }),
      products: query.products ? query.products.split(",").map((p) => p.trim()).filter(Boolean) : [],
      role: query.role ?? "MEMBER",
      locale: query.locale ?? "en",
      timeZone: query.timeZone ?? "UTC",
      groupId: query.groupId ?? "none",
    };
    const uploaded = await invokeAs(uploadImportAction, principal, locale, input);
    if (!uploaded.ok) return outcomeResponse(uploaded, locale, () => new Response());
    return outcomeResponse(await invokeAs(getImportRead, principal, locale, { id: uploaded.data.id }), locale, (report) => json(report, 201, { Location: `/api/v1/imports/${report.id}` }));
  },
});

export const listImportsOp = defineOperation({
  id: "listImports",
  method: "GET",
  path: "/imports",
  tag: "Imports",
  summary: "List imports",
  description: "The account's latest 100 imports, newest first, unconfirmed ones included.",
  permission: "imports.manage",
  responses: { 200: z.object({ data: z.array(importSummary) }).meta({ id: "ImportList" }) },
  handle: async ({ principal, locale }) => outcomeResponse(await invokeAs(listImportsRead, principal, locale, {}), locale, (list) => json(list)),
});

export const getImportOp = defineOperation({
  id: "getImport",
  method: "GET",
  path: "/imports/{id}",
  tag: "Imports",
  summary: "Get an import's report and status",
  permission: "imports.manage",
  responses: { 200: importReport },
  handle: async ({ principal, locale }, { params }) => outcomeResponse(await invokeAs(getImportRead, principal, locale, params), locale, (report) => json(report)),
});

export const commitImportOp = defineOperation({
  id: "commitImport",
  method: "POST",
  path: "/imports/{id}/commit",
  tag: "Imports",
  summary: "Confirm an import",
  description: "Its valid rows are applied after the account's delay by a job, with the authority the token and its creator have then; follow with GET /imports/{id}.",
  permission: "imports.manage",
  responses: { 202: z.object({ id: z.uuid(), scheduledFor: isoDate, rows: z.number().int() }).meta({ id: "ImportCommitted" }) },
  handle: async ({ principal, locale }, { params }) =>
    outcomeResponse(await invokeAs(commitImportAction, principal, locale, params), locale, (c) => json({ id: c.id, scheduledFor: c.scheduledFor.toISOString(), rows: c.rows }, 202)),
});

export const cancelImportOp = defineOperation({
  id: "cancelImport",
  method: "DELETE",
  path: "/imports/{id}",
  tag: "Imports",
  summary: "Cancel or discard an import",
  description: "Discards an unconfirmed import, or cancels a confirmed one not applied yet.",
  permission: "imports.manage",
  responses: { 204: null },
  handle: async ({ principal, locale }, { params }) =>
    outcomeResponse(await invokeAs(cancelImportAction, principal, locale, params), locale, () => new Response(null, { status: 204 })),
});

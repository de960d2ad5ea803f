import "server-only";
import type { ActionContext } from "@/lib/actions/define-action";
import { NotFoundError, UserFacingError } from "@/lib/actions/errors";
import type { Db, Tx } from "@/lib/db/client";
import type { AccountRole, ImportRowStatus, Locale } from "@/lib/generated/prisma/enums";
import { MESSAGES } from "@/lib/i18n/catalogues";
import { groupByName } from "@/lib/groups/groups";
import { canAssignRole, rolesAbove } from "@/lib/permissions";
import { enqueue, QUEUES } from "@/lib/queue/boss";
import type { ImportColumn } from "./columns";
import { parseImportFile, type CellProblem, type ParsedRow } from "./parse";
import type { BatchSettings } from "./reflect";
import { minutesUntilFree } from "@/lib/security/rate-limit";
import { planRows, seatsLeftOf, subscriptionsFor } from "@/lib/users/add";
import { lockAccount } from "@/lib/users/rules";
import { storableLine } from "@/lib/validation/text";
import { importsPerHour, reflectionDelayMs } from "./settings";
import { isUuid } from "@/lib/validation/uuid";

/** What validation says of a row, shown in the report; only "valid" and "transfer" rows are imported. */
export type RowCheck = "valid" | "transfer" | "error" | "duplicate" | "alreadyInAccount" | "noSeats";
const IMPORTED: RowCheck[] = ["valid", "transfer"];
const HOUR_MS = 3_600_000;

export type RowProblem = CellProblem | { column: ImportColumn; code: "unknownGroup" | "roleTooHigh" } | { column: "email"; code: "duplicate"; firstRow: number };

/** The batch settings of the upload form, already scoped (group of this account, products it owns). */
export interface UploadSettings {
  products: string[];
  locale: Locale;
  timeZone: string;
  groupId: string | null;
  role: AccountRole;
}

interface CheckedRow {
  row: number;
  cells: ParsedRow["raw"];
  check: RowCheck;
  problems: RowProblem[];
  values?: { email: string; firstName: string; lastName: string; locale: Locale; timeZone: string; groupId: string | null; role: AccountRole };
}

/** Row values and problems that the account decides: group names, roles the uploader may grant. */
async function resolveRows(db: Tx, ctx: Pick<ActionContext, "accountId" | "user">, rows: ParsedRow[], settings: UploadSettings): Promise<CheckedRow[]> {
  const groupIdOf = groupByName(await db.userGroup.findMany({ where: { accountId: ctx.accountId }, select: { id: true, name: true } }));
  return rows.map((parsed): CheckedRow => {
    const problems: RowProblem[] = [...parsed.problems];
    const value = parsed.value;
    const groupId = value?.group ? groupIdOf(value.group) : settings.groupId;
    if (value?.group && !groupId) problems.push({ column: "group", code: "unknownGroup" });
    const role = value?.role ?? settings.role;
    if (value && !canAssignRole(ctx.user.role, role)) problems.push({ column: "role", code: "roleTooHigh" });
    if (!value || problems.length > 0) return { row: parsed.row, cells: parsed.raw, check: "error", problems };
    return {
      row: parsed.row, cells: parsed.raw, check: "valid", problems,
      values: { email: value.email, firstName: value.firstName, lastName: value.lastName, locale: value.locale ?? settings.locale, timeZone: value.timeZone ?? settings.timeZone, groupId: groupId ?? null, role },
    };
  });
}

/**
 * Duplicates in the file, addresses already in this account, and the seats for the new users, as
 * addUserRows will decide. Users of other accounts are not looked up: whether an address has a
 * user elsewhere is that account's business, so the report shows such a row as new (counting a
 * seat for it), and reflection sends the transfer invitation (decision 0009). The report never
 * predicts a transfer, which is why its row check "transfer" only appears on drafts made before.
 */
async function classifyRows(db: Tx, accountId: string, rows: CheckedRow[], products: string[]) {
  const valid = rows.flatMap((r) => (r.values ? [{ checked: r, row: r.row, email: r.values.email }] : []));
  const here = new Set((await db.user.findMany({ where: { accountId, email: { in: valid.map((r) => r.email) } }, select: { email: true } })).map((u) => u.email));
  const subscriptions = await subscriptionsFor(db, accountId, products, { lock: false });
  planRows(valid, (email) => (here.has(email) ? accountId : undefined), accountId, seatsLeftOf(subscriptions)).forEach((planned, i) => {
    const row = valid[i].checked;
    if (planned.outcome === "duplicate") Object.assign(row, { check: "duplicate", problems: [{ column: "email", code: "duplicate", firstRow: planned.firstRow }] });
    else if (planned.outcome === "alreadyInAccount" || planned.outcome === "noSeats") row.check = planned.outcome;
  });
}

/**
 * Reads an uploaded file and stores it as a DRAFT batch with every row's check, for the report.
 * A file that can't be imported at all (too large, empty, 101 rows, no Email column…) stores
 * nothing and is refused with one message at the file field.
 */
export async function createDraftImport(ctx: ActionContext, upload: { fileName: string; bytes: Uint8Array; settings: UploadSettings }) {
  await assertWithinHourlyUploads(ctx);
  const parsed = parseImportFile(upload.bytes);
  if (!parsed.ok) {
    const { code, ...values } = parsed.problem;
    const names = MESSAGES[ctx.locale].imports.columns;
    const named: Record<string, string | number> = { ...values } as Record<string, number>;
    if ("columns" in values) named.columns = values.columns.map((c) => names[c]).join(", ");
    throw new UserFacingError(`imports.fileProblems.${code}`, named, "file");
  }
  const fileName = storableLine(upload.fileName, 200) || "import.csv";
  const rows = await resolveRows(ctx.db, ctx, parsed.rows, upload.settings);
  await classifyRows(ctx.db, ctx.accountId, rows, upload.settings.products);
  // Drafts nobody confirmed within a day are dropped with the next upload.
  await ctx.db.importBatch.deleteMany({ where: { accountId: ctx.accountId, status: "DRAFT", createdAt: { lt: new Date(Date.now() - 86_400_000) } } });
  const batch = await ctx.db.importBatch.create({
    data: {
      accountId: ctx.accountId, fileName, createdById: ctx.user.id, rowCount: rows.length,
      ignoredColumns: parsed.ignoredColumns.slice(0, 50).map((c) => storableLine(c, 100)),
      settings: { products: upload.settings.products, locale: upload.settings.locale, timeZone: upload.settings.timeZone, groupId: upload.settings.groupId, role: upload.settings.role },
    },
    select: { id: true },
  });
  await ctx.db.importRow.createMany({
    data: rows.map((r) => ({
      batchId: batch.id, rowNumber: r.row, cells: r.cells, check: r.check, problems: r.problems.length ? r.problems : undefined,
      values: r.values, status: (IMPORTED.includes(r.check) ? "PENDING" : "INVALID") as ImportRowStatus,
    })),
  });
  ctx.audit({ action: "import.upload", targetType: "import", targetId: batch.id, after: { fileName, rows: rows.length } });
  return { id: batch.id };
}

/** IMPORTS_PER_HOUR uploads per account in any hour (drafts included: each one is parsed and stored), under the account lock. */
async function assertWithinHourlyUploads(ctx: ActionContext) {
  await lockAccount(ctx.db, ctx.accountId);
  const limit = importsPerHour();
  const recent = await ctx.db.importBatch.findMany({
    where: { accountId: ctx.accountId, createdAt: { gt: new Date(Date.now() - HOUR_MS) } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { createdAt: true },
  });
  const minutes = minutesUntilFree(recent.map((b) => b.createdAt), limit, HOUR_MS);
  if (minutes > 0) throw new UserFacingError("imports.fileProblems.hourlyLimit", { limit, minutes }, "file");
}

async function lockBatch(db: Tx, accountId: string, id: string) {
  const [batch] = await db.$queryRaw<{ id: string; status: string; settings: object }[]>`
    SELECT id, status::text, settings FROM "ImportBatch" WHERE id = ${id}::uuid AND "accountId" = ${accountId}::uuid FOR UPDATE`;
  if (!batch) throw new NotFoundError();
  return batch;
}

/** Confirms a draft: its valid rows will be reflected after IMPORT_REFLECTION_DELAY by a durable job. */
export async function commitImport(ctx: ActionContext, id: string) {
  const batch = await lockBatch(ctx.db, ctx.accountId, id);
  if (batch.status !== "DRAFT") throw new UserFacingError("imports.errors.notDraft");
  const pending = await ctx.db.importRow.count({ where: { batchId: id, status: "PENDING" } });
  if (pending === 0) throw new UserFacingError("imports.errors.nothingToImport");
  // Someone else's draft may give roles above the confirmer's: confirming would give them.
  const above = await ctx.db.$queryRaw<{ rows: number }[]>`
    SELECT count(*)::int AS rows FROM "ImportRow"
    WHERE "batchId" = ${id}::uuid AND status = 'PENDING' AND "values"->>'role' = ANY(${rolesAbove(ctx.user.role)}::text[])`;
  if (above[0].rows > 0) throw new UserFacingError("imports.errors.rolesAboveYou", { rows: above[0].rows });
  const committedBy: BatchSettings["committedBy"] = { id: ctx.user.id, role: ctx.user.role, firstName: ctx.user.firstName, lastName: ctx.user.lastName, tokenId: ctx.token?.id ?? null };
  const scheduledFor = new Date(Date.now() + reflectionDelayMs());
  await ctx.db.importBatch.update({
    where: { id },
    data: { status: "SCHEDULED", committedAt: new Date(), scheduledFor, createdById: ctx.user.id, settings: { ...batch.settings, committedBy } },
  });
  await enqueue(ctx.db, QUEUES.reflectImport, { batchId: id }, { startAfter: scheduledFor });
  ctx.audit({ action: "import.commit", targetType: "import", targetId: id, after: { rows: pending, scheduledFor: scheduledFor.toISOString() } });
  return { id, scheduledFor, rows: pending };
}

/** Cancels a batch not reflected yet (a scheduled one), or discards a draft. */
export async function cancelImport(ctx: ActionContext, id: string) {
  const batch = await lockBatch(ctx.db, ctx.accountId, id);
  if (batch.status === "DRAFT") {
    await ctx.db.importBatch.delete({ where: { id } });
    ctx.audit({ action: "import.discard", targetType: "import", targetId: id });
    return { id, discarded: true };
  }
  if (batch.status !== "SCHEDULED") throw new UserFacingError("imports.errors.notCancellable");
  await ctx.db.importBatch.update({ where: { id }, data: { status: "CANCELLED", cancelledAt: new Date() } });
  ctx.audit({ action: "import.cancel", targetType: "import", targetId: id, before: { status: "SCHEDULED" }, after: { status: "CANCELLED" } });
  return { id, discarded: false };
}

/** The account's import history, newest first, drafts (checked, not confirmed) included. */
export async function listImports(db: Db, accountId: string) {
  const batches = await db.importBatch.findMany({
    // Drafts too: a file checked but not confirmed yet can be continued from the history.
    where: { accountId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
    select: { id: true, fileName: true, status: true, rowCount: true, scheduledFor: true, committedAt: true, finishedAt: true, createdBy: { select: { firstName: true, lastName: true } } },
  });
  const ids = batches.map((b) => b.id);
  const [counts, refused] = await Promise.all([rowCounts(db, ids), refusedCounts(db, ids)]);
  return batches.map((b) => ({ ...b, counts: counts.get(b.id) ?? emptyCounts(), refused: refused.get(b.id) ?? 0 }));
}

const emptyCounts = (): Record<ImportRowStatus, number> => ({ INVALID: 0, PENDING: 0, DONE: 0, FAILED: 0 });

async function rowCounts(db: Db, batchIds: string[]) {
  const groups = await db.importRow.groupBy({ by: ["batchId", "status"], where: { batchId: { in: batchIds } }, _count: { _all: true } });
  const counts = new Map<string, Record<ImportRowStatus, number>>();
  for (const g of groups) {
    const entry = counts.get(g.batchId) ?? emptyCounts();
    entry[g.status] = g._count._all;
    counts.set(g.batchId, entry);
  }
  return counts;
}

/** Rows that reflection refused because their committer's authority no longer covered them, by batch. */
async function refusedCounts(db: Db, batchIds: string[]) {
  const groups = await db.importRow.groupBy({ by: ["batchId"], where: { batchId: { in: batchIds }, status: "FAILED", outcome: "refused" }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.batchId, g._count._all]));
}

/** One batch of the account with its rows in file order; null for another account's or a malformed id. */
export async function findImport(db: Db, accountId: string, id: string) {
  if (!isUuid(id)) return null;
  const batch = await db.importBatch.findFirst({
    where: { id, accountId },
    select: {
      id: true, fileName: true, status: true, rowCount: true, ignoredColumns: true, settings: true, scheduledFor: true, committedAt: true, finishedAt: true, createdAt: true,
      createdBy: { select: { firstName: true, lastName: true } },
      rows: { orderBy: { rowNumber: "asc" }, select: { rowNumber: true, cells: true, check: true, problems: true, status: true, outcome: true } },
    },
  });
  if (!batch) return null;
  const counts = emptyCounts();
  for (const row of batch.rows) counts[row.status] += 1;
  const refused = batch.rows.filter((r) => r.status === "FAILED" && r.outcome === "refused").length;
  return { ...batch, counts, refused };
}

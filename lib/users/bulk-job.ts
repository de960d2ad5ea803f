import "server-only";
import { NotFoundError, UserFacingError } from "@/lib/actions/errors";
import type { ActionContext } from "@/lib/actions/define-action";
import { recordAuditEvents } from "@/lib/audit/record";
import type { Db, Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AccountRole, BulkJobStatus } from "@/lib/generated/prisma/enums";
import { positiveInteger } from "@/lib/env";
import { assertCanAssignRole, can, canAssignRole, ForbiddenError, rolesAbove } from "@/lib/permissions";
import { enqueue, QUEUES } from "@/lib/queue/boss";
import { foldUserCounts } from "@/lib/users/counts";
import { userConditions } from "@/lib/users/list";
import type { UserFilters } from "@/lib/users/list-params";
import { aboveYouError, lockAccount } from "@/lib/users/rules";
import { REMOTE_SUPPORT } from "@/lib/licences/capabilities";
import { CAPABILITIES, type Capabilities } from "@/lib/validation/capabilities";

// Bulk actions on "all users matching" a view, as a BulkJob run by the queue (decision 0029): the
// start checks the whole selection with set-based counts under the account lock; the worker then
// walks the selection in id order, one transaction per chunk: the chunk's users locked, updated,
// audited with INSERT … SELECT, the cursor moved — never the selection's ids in this process.

export const JOB_OPERATIONS = ["changeRole", "changeGroup", "suspend", "reactivate", "delete", "editCapabilities"] as const;
export type JobOperation = (typeof JOB_OPERATIONS)[number];
export const isJobOperation = (op: string): op is JobOperation => (JOB_OPERATIONS as readonly string[]).includes(op);

/** The operation's own input, stored as BulkJob.params: a role, a group, or the capabilities to set. */
export type JobParams = { role?: AccountRole; groupId?: string | null } & Partial<Capabilities>;

/** The capabilities an editCapabilities job sets, as SQL identifiers and values. */
const capabilitiesOf = (params: JobParams) =>
  CAPABILITIES.filter((k) => typeof params[k] === "boolean").map((k) => ({ key: k, column: Prisma.raw(`"${k}"`), value: params[k]! }));

/** The audit code of each operation's summary event (its per-user events keep today's codes). */
export const SUMMARIES = {
  changeRole: { action: "user.bulk.role.change" },
  changeGroup: { action: "user.bulk.group.change" },
  suspend: { action: "user.bulk.suspend" },
  reactivate: { action: "user.bulk.reactivate" },
  delete: { action: "user.bulk.delete" },
  editCapabilities: { action: "user.bulk.capabilities.update" },
} as const satisfies Record<JobOperation, { action: string }>;

/** What the confirmation showed: `count` users, or more than `count` when `atLeast` (a capped count). */
export interface ExpectedCount {
  count: number;
  atLeast: boolean;
}

type StartContext = Pick<ActionContext, "db" | "accountId" | "user" | "audit">;

const ACTIVE: BulkJobStatus[] = ["QUEUED", "RUNNING"];
const FIRST_ID = "00000000-0000-0000-0000-000000000000";

/** Whether the operation may act on the actor's own user (only moving between groups may). */
const selfAllowed = (op: JobOperation) => op === "changeGroup" || op === "editCapabilities";

/** The permission the job's creator must still have for each chunk. */
const permissionOf = (op: JobOperation) => (op === "editCapabilities" ? "licences.assign" : "users.manage");

/** The condition (on a selected user `p`) that the operation changes them. */
function changes(op: JobOperation, params: JobParams): Prisma.Sql {
  switch (op) {
    case "changeRole": return Prisma.sql`p.role <> ${params.role}::"AccountRole"`;
    case "changeGroup": return Prisma.sql`p."groupId" IS DISTINCT FROM ${params.groupId ?? null}::uuid`;
    case "suspend": return Prisma.sql`p.status <> 'SUSPENDED'`;
    case "reactivate": return Prisma.sql`p.status = 'SUSPENDED'`;
    case "delete": return Prisma.sql`true`;
    case "editCapabilities": {
      // Only users with Remote Support: the switches mean nothing without it (lib/licences/capabilities-bulk.ts).
      const differs = Prisma.join(capabilitiesOf(params).map((c) => Prisma.sql`p.${c.column} IS DISTINCT FROM ${c.value}`), " OR ");
      return Prisma.sql`(${differs}) AND EXISTS (SELECT 1 FROM "LicenceAssignment" a JOIN "Subscription" s ON s.id = a."subscriptionId"
        JOIN "Product" pr ON pr.id = s."productId" WHERE a."userId" = p.id AND pr.code = ${REMOTE_SUPPORT})`;
    }
  }
}

/** The condition that a changed user `p` stops being an active account holder. */
function losesHolder(op: JobOperation, params: JobParams, alias = "p"): Prisma.Sql {
  const p = Prisma.raw(alias);
  const holder = Prisma.sql`${p}.role = 'ACCOUNT_HOLDER' AND ${p}.status = 'ACTIVE'`;
  if (op === "suspend" || op === "delete") return holder;
  if (op === "changeRole" && params.role !== "ACCOUNT_HOLDER") return holder;
  return Prisma.sql`false`;
}

/** The statement that applies the operation to the users of `target` (the CTE), when `guard` allows. */
function apply(op: JobOperation, params: JobParams): Prisma.Sql {
  const ids = Prisma.sql`t.id = ANY((SELECT array_agg(id) FROM target)::uuid[]) AND (SELECT ok FROM guard)`;
  switch (op) {
    case "changeRole":
      return Prisma.sql`UPDATE "User" t SET role = ${params.role}::"AccountRole", "updatedAt" = now() WHERE ${ids} RETURNING t.id`;
    case "changeGroup":
      return Prisma.sql`UPDATE "User" t SET "groupId" = ${params.groupId ?? null}::uuid, "updatedAt" = now() WHERE ${ids} RETURNING t.id`;
    case "suspend": // a new session version ends every session of these users on their next request
      return Prisma.sql`UPDATE "User" t SET status = 'SUSPENDED', "sessionVersion" = "sessionVersion" + 1, "updatedAt" = now() WHERE ${ids} RETURNING t.id`;
    case "reactivate": // someone who never set a password goes back to Invited
      return Prisma.sql`UPDATE "User" t SET status = CASE WHEN "passwordHash" IS NULL THEN 'INVITED'::"UserStatus" ELSE 'ACTIVE'::"UserStatus" END,
        "updatedAt" = now() WHERE ${ids} RETURNING t.id`;
    case "delete": // licences are freed (assignments cascade)
      return Prisma.sql`DELETE FROM "User" t WHERE ${ids} RETURNING t.id`;
    case "editCapabilities": {
      const set = Prisma.join(capabilitiesOf(params).map((c) => Prisma.sql`${c.column} = ${c.value}`), ", ");
      return Prisma.sql`UPDATE "User" t SET ${set}, "updatedAt" = now() WHERE ${ids} RETURNING t.id`;
    }
  }
}

/** Each user's audit event: the same action, before and after as the ids-mode actions (lib/users/bulk.ts) record. */
function userEvent(op: JobOperation, params: JobParams): { action: string; before: Prisma.Sql; after: Prisma.Sql } {
  switch (op) {
    case "changeRole":
      return { action: "user.role.change", before: Prisma.sql`jsonb_build_object('role', p.role)`, after: Prisma.sql`jsonb_build_object('role', ${params.role}::text)` };
    case "changeGroup":
      return { action: "user.group.change", before: Prisma.sql`jsonb_build_object('groupId', p."groupId")`, after: Prisma.sql`jsonb_build_object('groupId', ${params.groupId ?? null}::uuid)` };
    case "suspend":
      return { action: "user.suspend", before: Prisma.sql`jsonb_build_object('status', p.status)`, after: Prisma.sql`jsonb_build_object('status', 'SUSPENDED')` };
    case "reactivate":
      return {
        action: "user.reactivate",
        before: Prisma.sql`jsonb_build_object('status', p.status)`,
        after: Prisma.sql`jsonb_build_object('status', CASE WHEN p."passwordHash" IS NULL THEN 'INVITED' ELSE 'ACTIVE' END)`,
      };
    case "delete":
      return {
        action: "user.delete",
        // Read in the statement's snapshot: the licences as they were before the delete cascaded.
        before: Prisma.sql`jsonb_build_object('email', p.email, 'firstName', p."firstName", 'lastName', p."lastName", 'role', p.role, 'status', p.status,
          'licences', (SELECT count(*)::int FROM "LicenceAssignment" la WHERE la."userId" = p.id))`,
        after: Prisma.sql`NULL::jsonb`,
      };
    case "editCapabilities": {
      const pairs = (side: (c: ReturnType<typeof capabilitiesOf>[number]) => Prisma.Sql) =>
        Prisma.sql`jsonb_build_object(${Prisma.join(capabilitiesOf(params).map((c) => Prisma.sql`${c.key}::text, ${side(c)}`), ", ")})`;
      return { action: "capabilities.update", before: pairs((c) => Prisma.sql`p.${c.column}`), after: pairs((c) => Prisma.sql`${c.value}::boolean`) };
    }
  }
}

/**
 * Starts a bulk job on every user matching `filters`, inside the action's transaction: the same
 * refusals as the ids mode, decided by counting in SQL under the account lock, then the job row
 * and its queue entry (both exist exactly when this transaction commits). One job at a time per account.
 */
export async function startBulkJob(ctx: StartContext, operation: JobOperation, filters: UserFilters, expected: ExpectedCount, params: JobParams) {
  await lockAccount(ctx.db, ctx.accountId);
  if (operation === "changeRole") assertCanAssignRole(ctx.user.role, params.role!);
  if (operation === "changeGroup" && params.groupId) {
    const group = await ctx.db.userGroup.findFirst({ where: { id: params.groupId, accountId: ctx.accountId }, select: { id: true } });
    if (!group) throw new NotFoundError();
  }
  if (await ctx.db.bulkJob.count({ where: { accountId: ctx.accountId, status: { in: ACTIVE } } })) throw new UserFacingError("errors.bulkJobRunning");

  const above = rolesAbove(ctx.user.role);
  const [selection] = await ctx.db.$queryRaw<{ total: number; above: number; self: boolean; leaving: number }[]>`
    SELECT count(*)::int AS total,
      count(*) FILTER (WHERE u.role::text = ANY(${above}::text[]))::int AS above,
      coalesce(bool_or(u.id = ${ctx.user.id}::uuid), false) AS self,
      count(*) FILTER (WHERE ${losesHolder(operation, params, "u")})::int AS leaving
    FROM "User" u WHERE ${userConditions(ctx.accountId, filters)}`;
  const { total } = selection;
  if (expected.atLeast && total <= expected.count) throw new UserFacingError("errors.selectionNoLongerAbove", { expected: expected.count, actual: total });
  if (!expected.atLeast && total !== expected.count) throw new UserFacingError("errors.selectionChanged", { expected: expected.count, actual: total });
  const aboveError = aboveYouError(selection.above, total);
  if (aboveError) throw aboveError;
  if (selection.self && !selfAllowed(operation)) throw new UserFacingError("errors.notYourself");
  if (selection.leaving > 0) {
    const holders = await ctx.db.user.count({ where: { accountId: ctx.accountId, role: "ACCOUNT_HOLDER", status: "ACTIVE" } });
    if (holders - selection.leaving < 1) throw new UserFacingError("errors.lastAccountHolder");
  }

  const job = await ctx.db.bulkJob.create({
    data: { accountId: ctx.accountId, createdById: ctx.user.id, operation, filters: filters as Prisma.InputJsonObject, params: params as Prisma.InputJsonObject, total },
    select: { id: true },
  });
  await enqueue(ctx.db, QUEUES.bulkUsers, { jobId: job.id });
  ctx.audit({ action: "user.bulk.start", targetType: "bulkJob", targetId: job.id, after: { operation, total, ...filtersRecord(filters), ...params } });
  return { jobId: job.id, total };
}

const filtersRecord = (filters: UserFilters) => ({ filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) });

interface JobRow {
  id: string;
  accountId: string;
  createdById: string | null;
  operation: string;
  filters: Prisma.JsonValue;
  params: Prisma.JsonValue;
  total: number;
  status: BulkJobStatus;
}

type ChunkOutcome = "more" | "done" | "cancelled" | "stopped";

/**
 * Runs a job to its end (or its cancellation), chunk by chunk, from the cursor its last committed
 * chunk left: a retry after a crash, or a second delivery of the job, carries on without applying
 * anything twice (each chunk holds the job's advisory lock and reads the cursor under it).
 * A refusal (a rule the chunk would break, a creator who may no longer do this) ends it FAILED
 * with a message key; any other error is thrown for the queue to retry.
 */
export async function runBulkJob(db: Db, jobId: string, options: { chunkSize?: number; afterChunk?: () => Promise<void> } = {}): Promise<void> {
  const job = await db.bulkJob.findUnique({
    where: { id: jobId },
    select: { id: true, accountId: true, createdById: true, operation: true, filters: true, params: true, total: true, status: true },
  });
  if (!job || !ACTIVE.includes(job.status) || !isJobOperation(job.operation)) return;
  await db.bulkJob.updateMany({ where: { id: jobId, status: "QUEUED" }, data: { status: "RUNNING", startedAt: new Date() } });
  const chunkSize = options.chunkSize ?? positiveInteger("BULK_JOB_CHUNK_SIZE", 5000);
  for (;;) {
    let outcome: ChunkOutcome;
    try {
      outcome = await runChunk(db, job, chunkSize);
    } catch (error) {
      if (error instanceof UserFacingError) return finishBulkJob(db, jobId, "FAILED", error.messageKey);
      if (error instanceof ForbiddenError) return finishBulkJob(db, jobId, "FAILED", `errors.${error.reason}`);
      throw error;
    }
    if (outcome === "more") {
      await options.afterChunk?.();
      continue;
    }
    if (outcome === "done") await finishBulkJob(db, jobId, "DONE");
    if (outcome === "cancelled") await finishBulkJob(db, jobId, "CANCELLED");
    return;
  }
}

async function runChunk(db: Db, job: JobRow, size: number): Promise<ChunkOutcome> {
  const op = job.operation as JobOperation;
  const params = job.params as JobParams;
  return db.$transaction(async (tx) => {
    // One worker at a time per job; the cursor is read after the lock, so it is the last committed one.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${job.id}, 0))`;
    const current = await tx.bulkJob.findUnique({ where: { id: job.id }, select: { status: true, cursor: true, cancelRequestedAt: true } });
    if (!current || current.status !== "RUNNING") return "stopped";
    if (current.cancelRequestedAt) return "cancelled";
    // NO KEY UPDATE: serializes with every user change that takes lockAccount (the holder rule),
    // yet lets rows that merely reference the account (audit events, sessions) be written meanwhile.
    await tx.$executeRaw`SELECT id FROM "Account" WHERE id = ${job.accountId}::uuid FOR NO KEY UPDATE`;
    const creator = await creatorNow(tx, job, op, params);

    const event = userEvent(op, params);
    const above = rolesAbove(creator.role);
    const [result] = await tx.$queryRaw<{ ok: boolean; processed: number; changed: number; last: string | null }[]>`
      WITH picked AS (
        SELECT u.id, u.role, u.status, u."groupId", u."passwordHash", u.email, u."firstName", u."lastName",
          u."unattendedAccess", u."fileManagement", u."remoteControl"
        FROM "User" u WHERE ${userConditions(job.accountId, job.filters as UserFilters)} AND u.id > ${current.cursor ?? FIRST_ID}::uuid
        ORDER BY u.id LIMIT ${size} FOR UPDATE
      ), target AS (
        SELECT p.* FROM picked p
        WHERE p.role::text <> ALL(${above}::text[]) AND ${selfAllowed(op) ? Prisma.sql`true` : Prisma.sql`p.id <> ${creator.id}::uuid`} AND ${changes(op, params)}
      ), guard AS (
        SELECT (SELECT count(*) FROM "User" h WHERE h."accountId" = ${job.accountId}::uuid AND h.role = 'ACCOUNT_HOLDER' AND h.status = 'ACTIVE')
          - (SELECT count(*) FROM target p WHERE ${losesHolder(op, params)}) >= 1 AS ok
      ), applied AS (
        ${apply(op, params)}
      ), events AS (
        INSERT INTO "AuditEvent" (id, "accountId", "actorId", action, "targetType", "targetId", before, after, "createdAt")
        SELECT gen_random_uuid(), ${job.accountId}::uuid, ${creator.id}::uuid, ${event.action}, 'user', p.id::text, ${event.before}, ${event.after}, now()
        FROM target p WHERE (SELECT ok FROM guard)
      )${op === "suspend" ? Prisma.sql`, sessions AS (
        UPDATE "Session" s SET "revokedAt" = now() WHERE s."userId" = ANY((SELECT array_agg(id) FROM applied)::uuid[]) AND s."revokedAt" IS NULL
      )` : Prisma.empty}
      SELECT (SELECT ok FROM guard) AS ok, (SELECT count(*)::int FROM picked) AS processed, (SELECT count(*)::int FROM applied) AS changed,
        (SELECT max(id::text) FROM picked) AS last`;
    if (!result.ok) throw new UserFacingError("errors.lastAccountHolder");
    if (result.processed === 0) return "done";
    await tx.bulkJob.update({
      where: { id: job.id },
      data: { processed: { increment: result.processed }, changed: { increment: result.changed }, cursor: result.last },
    });
    return "more";
  }, { timeout: 10 * 60_000, maxWait: 60_000 });
}

/**
 * The job's creator as they are now, held FOR SHARE for the chunk: a demotion, suspension or
 * deletion either waits for the chunk or is seen by it. Each chunk acts with their authority of today.
 */
async function creatorNow(tx: Tx, job: JobRow, op: JobOperation, params: JobParams): Promise<{ id: string; role: AccountRole }> {
  const [creator] = job.createdById
    ? await tx.$queryRaw<{ id: string; role: AccountRole; status: string; accountId: string }[]>`
        SELECT id::text, role::text AS role, status::text AS status, "accountId"::text AS "accountId" FROM "User" WHERE id = ${job.createdById}::uuid FOR SHARE`
    : [];
  if (!creator || creator.accountId !== job.accountId || creator.status !== "ACTIVE" || !can(creator.role, permissionOf(op))) throw new ForbiddenError();
  if (op === "changeRole" && !canAssignRole(creator.role, params.role!)) throw new ForbiddenError("roleTooHigh");
  return creator;
}

/**
 * Ends a job once: the status, and its one summary event (actor: the creator) with what it did; then
 * folds the account's count deltas its chunks appended. A second call (a duplicated delivery, a
 * cancel racing the end) finds it ended and does nothing.
 */
export async function finishBulkJob(db: Db, jobId: string, status: "DONE" | "FAILED" | "CANCELLED", error?: string): Promise<void> {
  const accountId = await db.$transaction((tx) => endBulkJob(tx, jobId, status, error));
  if (accountId) await foldUserCounts(db, accountId);
}

async function endBulkJob(tx: Tx, jobId: string, status: "DONE" | "FAILED" | "CANCELLED", error?: string): Promise<string | null> {
  const ended = await tx.bulkJob.updateMany({ where: { id: jobId, status: { in: ACTIVE } }, data: { status, error: error ?? null, finishedAt: new Date() } });
  if (ended.count === 0) return null;
  const job = await tx.bulkJob.findUniqueOrThrow({ where: { id: jobId } });
  await recordAuditEvents(tx, job.accountId, job.createdById, [{
    action: SUMMARIES[job.operation as JobOperation].action,
    targetType: "bulkJob",
    targetId: job.id,
    after: { ...filtersRecord(job.filters as UserFilters), ...(job.params as object), total: job.total, processed: job.processed, changed: job.changed, outcome: status, ...(error ? { error } : {}) },
  }]);
  return job.accountId;
}

/**
 * Asks a job of the caller's account to stop: a queued one ends at once; a running one ends
 * after its current chunk (whose changes stay). A job started by someone above the caller's role
 * is theirs to cancel.
 */
export async function cancelBulkJob(ctx: StartContext, jobId: string): Promise<{ status: BulkJobStatus }> {
  const job = await ctx.db.bulkJob.findFirst({
    where: { id: jobId, accountId: ctx.accountId },
    select: { status: true, operation: true, createdBy: { select: { role: true } } },
  });
  if (!job) throw new NotFoundError();
  if (job.createdBy && rolesAbove(ctx.user.role).includes(job.createdBy.role)) throw new ForbiddenError("targetAboveYou");
  if (!ACTIVE.includes(job.status)) throw new UserFacingError("errors.bulkJobEnded");
  ctx.audit({ action: "user.bulk.cancel", targetType: "bulkJob", targetId: jobId, after: { operation: job.operation } });
  if (job.status === "QUEUED") {
    await endBulkJob(ctx.db, jobId, "CANCELLED");
    return { status: "CANCELLED" };
  }
  await ctx.db.bulkJob.updateMany({ where: { id: jobId, cancelRequestedAt: null }, data: { cancelRequestedAt: new Date() } });
  return { status: job.status };
}

export type BulkJobView = ReturnType<typeof asView>;

const viewSelect = {
  id: true, operation: true, status: true, total: true, processed: true, changed: true, error: true, cancelRequestedAt: true, finishedAt: true,
} as const satisfies Prisma.BulkJobSelect;

const asView = (job: Prisma.BulkJobGetPayload<{ select: typeof viewSelect }>) => ({
  id: job.id,
  operation: job.operation as JobOperation,
  status: job.status,
  total: job.total,
  processed: job.processed,
  changed: job.changed,
  error: job.error,
  cancelling: job.cancelRequestedAt !== null && ACTIVE.includes(job.status),
});

/** One job of the account, as the users page shows its progress; null for another account's id. */
export async function bulkJobView(db: Db | Tx, accountId: string, jobId: string) {
  const job = await db.bulkJob.findFirst({ where: { id: jobId, accountId }, select: viewSelect });
  return job && asView(job);
}

/** How long the page keeps showing a finished job's summary. */
const RECENT_MS = 10 * 60_000;

/** The job the users page shows: the account's running one, else the last one ended a moment ago. */
export async function currentBulkJob(db: Db | Tx, accountId: string, now = new Date()) {
  const job = await db.bulkJob.findFirst({
    where: { accountId, OR: [{ status: { in: ACTIVE } }, { finishedAt: { gte: new Date(now.getTime() - RECENT_MS) } }] },
    orderBy: { createdAt: "desc" },
    select: viewSelect,
  });
  return job && asView(job);
}

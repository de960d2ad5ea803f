import "server-only";
import { UserFacingError } from "@/lib/actions/errors";
import { recordAuditEvents, type AuditEntry } from "@/lib/audit/record";
import type { Db, Tx } from "@/lib/db/client";
import type { AccountRole } from "@/lib/generated/prisma/enums";
import { positiveInteger } from "@/lib/env";
import { ForbiddenError } from "@/lib/permissions";
import { appUrl } from "@/lib/app-url";
import { queueEmails } from "@/lib/mail/outbox";
import { addUserRows, type NewUserRow } from "@/lib/users/add";
import { refusalReason, rowRefusal, throughToken, type CommitterNow } from "./authority";
import type { RowOutcome } from "@/lib/users/outcomes";

/** What a batch was committed with (ImportBatch.settings). */
export interface BatchSettings {
  products: string[];
  /**
   * Who committed it: the inviter of the emails, the actor of the audit events. Their role here is
   * as it was then, for the record only: reflection re-reads the committer and acts with their
   * authority of that moment (lib/imports/authority.ts).
   */
  committedBy: { id: string; role: AccountRole; firstName: string; lastName: string; tokenId?: string | null };
}

const APPLIED: RowOutcome["outcome"][] = ["created", "transferInvited"];

/**
 * Applies a committed import: every PENDING row exactly once, in transactions of up to
 * `chunkSize` rows. Each transaction claims its rows (FOR UPDATE SKIP LOCKED: two workers take
 * different rows) and ends them DONE or FAILED together with the users, seats, invitations,
 * emails and audit events it writes — a worker killed mid-chunk leaves those rows PENDING for the
 * retry, and nothing of them behind. A row that can no longer apply (its address taken
 * meanwhile, no seat left) ends FAILED with its reason while the others proceed. So does a row
 * its committer may no longer apply (suspended, deleted, demoted since confirming): "refused".
 */
export async function reflectImport(db: Db, batchId: string, options: { chunkSize?: number } = {}): Promise<void> {
  const batch = await db.importBatch.findUnique({
    where: { id: batchId },
    select: { accountId: true, status: true, settings: true, fileName: true, account: { select: { name: true } } },
  });
  if (!batch || (batch.status !== "SCHEDULED" && batch.status !== "REFLECTING")) return; // cancelled, done, or a draft
  await db.importBatch.updateMany({ where: { id: batchId, status: "SCHEDULED" }, data: { status: "REFLECTING", startedAt: new Date() } });

  const settings = batch.settings as unknown as BatchSettings;
  const actor = { ...settings.committedBy, account: batch.account };
  let chunkSize = options.chunkSize ?? positiveInteger("IMPORT_CHUNK_SIZE", 100);
  for (;;) {
    try {
      const applied = await applyChunk(db, batch.accountId, actor, settings.products, chunkSize);
      if (applied === 0) break;
    } catch (error) {
      if (!(error instanceof UserFacingError || error instanceof ForbiddenError)) throw error; // the job retries
      // One row spoils the chunk (an address added elsewhere at that instant): go row by row, and
      // fail the row that still can't apply on its own.
      if (chunkSize > 1) chunkSize = 1;
      else await failNextRow(db, batchId, error instanceof UserFacingError ? error.messageKey : `errors.${error.reason}`);
    }
  }
  await closeBatch(db, { id: batchId, accountId: batch.accountId, accountName: batch.account.name, fileName: batch.fileName, committedBy: settings.committedBy });

  async function applyChunk(db: Db, accountId: string, committed: typeof actor, products: string[], size: number) {
    return db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; rowNumber: number; values: Omit<NewUserRow, "row"> }[]>`
        SELECT id, "rowNumber", "values" FROM "ImportRow"
        WHERE "batchId" = ${batchId}::uuid AND status = 'PENDING' ORDER BY "rowNumber" LIMIT ${size} FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return 0;
      // The committer as they are now, held FOR SHARE: a demotion, suspension or deletion either
      // waits for this chunk to commit or is seen by it. Their authority of today decides each row.
      const [person = null] = await tx.$queryRaw<CommitterNow[]>`
        SELECT "accountId"::text AS "accountId", role::text AS role, status::text AS status FROM "User" WHERE id = ${committed.id}::uuid FOR SHARE`;
      const committer = committed.tokenId ? throughToken(person, await tokenNow(tx, committed.tokenId)) : person;
      const refusals = new Map(rows.map((r) => [r.id, rowRefusal(committer, accountId, products, r.values.role)]));
      const applying = rows.filter((r) => refusals.get(r.id) === null);
      const entries: AuditEntry[] = [];
      const outcomes = applying.length === 0 ? [] : await addUserRows(
        { db: tx, accountId, user: { ...committed, role: committer!.role }, audit: (entry) => entries.push(entry) },
        applying.map((r) => ({ ...r.values, row: r.rowNumber })),
        { products, shortage: "addWhatFits" },
      );
      const userIds = new Map((await tx.user.findMany({ where: { email: { in: outcomes.map((o) => o.email) } }, select: { id: true, email: true } })).map((u) => [u.email, u.id]));
      const updates = rows.map((r) => {
        const refusal = refusals.get(r.id);
        if (refusal) return { id: r.id, status: "FAILED", outcome: "refused", userId: null, problems: { reason: refusalReason(refusal) } };
        const outcome = outcomes.find((o) => o.row === r.rowNumber)!;
        return { id: r.id, status: APPLIED.includes(outcome.outcome) ? "DONE" : "FAILED", outcome: outcome.outcome, userId: userIds.get(outcome.email) ?? null, problems: null };
      });
      await tx.$executeRaw`
        UPDATE "ImportRow" r SET status = u.status::"ImportRowStatus", outcome = u.outcome, "userId" = u."userId", problems = COALESCE(u.problems, r.problems), "appliedAt" = now()
        FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS u(id uuid, status text, outcome text, "userId" uuid, problems jsonb)
        WHERE r.id = u.id`;
      const refused = rows.length - applying.length;
      entries.push({ action: "import.reflect", targetType: "import", targetId: batchId, after: { rows: rows.length, applied: updates.filter((u) => u.status === "DONE").length, ...(refused > 0 && { refused }) } });
      // A committer no longer in the account can't be the actor: the events are the system's.
      await recordAuditEvents(tx, accountId, committer?.accountId === accountId ? committed.id : null, entries);
      return rows.length;
    });
  }
}

/**
 * The API token an import was confirmed with, held FOR SHARE for the chunk (a revocation waits for
 * it or is seen by it); the chunk's audit events name it (app.actor_token_id, as for a request).
 */
async function tokenNow(tx: Tx, tokenId: string) {
  await tx.$executeRaw`SELECT set_config('app.actor_token_id', ${tokenId}, true)`;
  const [token = null] = await tx.$queryRaw<{ roleCeiling: AccountRole; active: boolean }[]>`
    SELECT "roleCeiling"::text AS "roleCeiling", ("revokedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > now())) AS active
    FROM "ApiToken" WHERE id = ${tokenId}::uuid FOR SHARE`;
  return token;
}

/**
 * Closes a batch with no PENDING row left (once: only one run finds it REFLECTING), and tells the
 * account what its committer's authority refused: one audit event by the system, with the counts
 * by reason (the rows and the batch's pages say which), and an email to each active account holder.
 */
async function closeBatch(db: Db, batch: { id: string; accountId: string; accountName: string; fileName: string; committedBy: BatchSettings["committedBy"] }) {
  const { id: batchId, accountId } = batch;
  await db.$transaction(async (tx) => {
    const closed = await tx.$executeRaw`
      UPDATE "ImportBatch" b SET "finishedAt" = now(),
        status = (CASE WHEN EXISTS (SELECT 1 FROM "ImportRow" r WHERE r."batchId" = b.id AND r.status = 'FAILED') THEN 'DONE_WITH_ERRORS' ELSE 'DONE' END)::"ImportStatus"
      WHERE b.id = ${batchId}::uuid AND b.status = 'REFLECTING'
        AND NOT EXISTS (SELECT 1 FROM "ImportRow" r WHERE r."batchId" = b.id AND r.status = 'PENDING')`;
    if (closed === 0) return;
    const refused = await tx.$queryRaw<{ reason: string; rows: number }[]>`
      SELECT problems->>'reason' AS reason, count(*)::int AS rows FROM "ImportRow"
      WHERE "batchId" = ${batchId}::uuid AND status = 'FAILED' AND outcome = 'refused' GROUP BY 1 ORDER BY 1`;
    if (refused.length === 0) return;
    const reasons = Object.fromEntries(refused.map((r) => [r.reason.replace(/^imports\.refused\./, ""), r.rows]));
    const rows = refused.reduce((sum, r) => sum + r.rows, 0);
    await recordAuditEvents(tx, accountId, null, [{ action: "import.refused", targetType: "import", targetId: batchId, after: { rows, reasons } }]);
    const holders = await tx.user.findMany({
      where: { accountId, role: "ACCOUNT_HOLDER", status: "ACTIVE" },
      select: { email: true, firstName: true, locale: true, timeZone: true },
    });
    const committer = `${batch.committedBy.firstName} ${batch.committedBy.lastName}`.trim();
    await queueEmails(tx, accountId, holders.map((holder) => ({
      to: { email: holder.email, locale: holder.locale, timeZone: holder.timeZone },
      kind: "importRefused" as const,
      variables: {
        firstName: holder.firstName, accountName: batch.accountName, inviterName: committer,
        fileName: batch.fileName, refusedRows: rows, importUrl: `${appUrl()}/people/users/imports/${batchId}`,
      },
    })));
  });
}

async function failNextRow(db: Db, batchId: string, reason: string) {
  await db.$executeRaw`
    UPDATE "ImportRow" SET status = 'FAILED', outcome = 'error', problems = ${JSON.stringify({ reason })}::jsonb, "appliedAt" = now()
    WHERE id = (SELECT id FROM "ImportRow" WHERE "batchId" = ${batchId}::uuid AND status = 'PENDING' ORDER BY "rowNumber" LIMIT 1 FOR UPDATE SKIP LOCKED)`;
}

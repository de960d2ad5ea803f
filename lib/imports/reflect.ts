import "server-only";
import { UserFacingError } from "@/lib/actions/errors";
import { recordAuditEvents, type AuditEntry } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import type { AccountRole } from "@/lib/generated/prisma/enums";
import { positiveInteger } from "@/lib/env";
import { ForbiddenError } from "@/lib/permissions";
import { addUserRows, type NewUserRow } from "@/lib/users/add";
import type { RowOutcome } from "@/lib/users/outcomes";

/** What a batch was committed with (ImportBatch.settings). */
export interface BatchSettings {
  products: string[];
  /** Who committed it, as they were then: the inviter of the emails, the actor of the audit events. */
  committedBy: { id: string; role: AccountRole; firstName: string; lastName: string };
}

const APPLIED: RowOutcome["outcome"][] = ["created", "transferInvited"];

/**
 * Applies a committed import: every PENDING row exactly once, in transactions of up to
 * `chunkSize` rows. Each transaction claims its rows (FOR UPDATE SKIP LOCKED: two workers take
 * different rows) and ends them DONE or FAILED together with the users, seats, invitations,
 * emails and audit events it writes — a worker killed mid-chunk leaves those rows PENDING for the
 * retry, and nothing of them behind. A row that can no longer apply (its address taken
 * meanwhile, no seat left) ends FAILED with its reason while the others proceed.
 */
export async function reflectImport(db: Db, batchId: string, options: { chunkSize?: number } = {}): Promise<void> {
  const batch = await db.importBatch.findUnique({
    where: { id: batchId },
    select: { accountId: true, status: true, settings: true, account: { select: { name: true } } },
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
      // One row spoils the chunk (an address added elsewhere at that instant, a role the importer
      // may no longer grant): go row by row, and fail the row that still can't apply on its own.
      if (chunkSize > 1) chunkSize = 1;
      else await failNextRow(db, batchId, error instanceof UserFacingError ? error.messageKey : `errors.${error.reason}`);
    }
  }
  await db.$executeRaw`
    UPDATE "ImportBatch" b SET "finishedAt" = now(),
      status = (CASE WHEN EXISTS (SELECT 1 FROM "ImportRow" r WHERE r."batchId" = b.id AND r.status = 'FAILED') THEN 'DONE_WITH_ERRORS' ELSE 'DONE' END)::"ImportStatus"
    WHERE b.id = ${batchId}::uuid AND b.status = 'REFLECTING'
      AND NOT EXISTS (SELECT 1 FROM "ImportRow" r WHERE r."batchId" = b.id AND r.status = 'PENDING')`;

  async function applyChunk(db: Db, accountId: string, user: typeof actor, products: string[], size: number) {
    return db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; rowNumber: number; values: Omit<NewUserRow, "row"> }[]>`
        SELECT id, "rowNumber", "values" FROM "ImportRow"
        WHERE "batchId" = ${batchId}::uuid AND status = 'PENDING' ORDER BY "rowNumber" LIMIT ${size} FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return 0;
      const entries: AuditEntry[] = [];
      const outcomes = await addUserRows(
        { db: tx, accountId, user, audit: (entry) => entries.push(entry) },
        rows.map((r) => ({ ...r.values, row: r.rowNumber })),
        { products, shortage: "addWhatFits" },
      );
      const userIds = new Map((await tx.user.findMany({ where: { email: { in: outcomes.map((o) => o.email) } }, select: { id: true, email: true } })).map((u) => [u.email, u.id]));
      const updates = rows.map((r) => {
        const outcome = outcomes.find((o) => o.row === r.rowNumber)!;
        return { id: r.id, status: APPLIED.includes(outcome.outcome) ? "DONE" : "FAILED", outcome: outcome.outcome, userId: userIds.get(outcome.email) ?? null };
      });
      await tx.$executeRaw`
        UPDATE "ImportRow" r SET status = u.status::"ImportRowStatus", outcome = u.outcome, "userId" = u."userId", "appliedAt" = now()
        FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS u(id uuid, status text, outcome text, "userId" uuid)
        WHERE r.id = u.id`;
      entries.push({ action: "import.reflect", targetType: "import", targetId: batchId, after: { rows: rows.length, applied: updates.filter((u) => u.status === "DONE").length } });
      await recordAuditEvents(tx, accountId, user.id, entries);
      return rows.length;
    });
  }
}

async function failNextRow(db: Db, batchId: string, reason: string) {
  await db.$executeRaw`
    UPDATE "ImportRow" SET status = 'FAILED', outcome = 'error', problems = ${JSON.stringify({ reason })}::jsonb, "appliedAt" = now()
    WHERE id = (SELECT id FROM "ImportRow" WHERE "batchId" = ${batchId}::uuid AND status = 'PENDING' ORDER BY "rowNumber" LIMIT 1 FOR UPDATE SKIP LOCKED)`;
}

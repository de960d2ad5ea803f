import "server-only";
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
}

/**
 * One statement for any number of events, the events passed as one JSON parameter: a bulk change
 * of 1,000 users stays one round trip, and a single change costs little while it holds locks.
 */
export async function recordAuditEvents(db: Tx, accountId: string, actorId: string | null, entries: AuditEntry[]) {
  if (entries.length === 0) return;
  const rows = JSON.stringify(entries.map((e) => ({ action: e.action, targetType: e.targetType ?? null, targetId: e.targetId ?? null, before: e.before ?? null, after: e.after ?? null })));
  await db.$executeRaw`
    INSERT INTO "AuditEvent" (id, "accountId", "actorId", action, "targetType", "targetId", before, after, "createdAt")
    SELECT gen_random_uuid(), ${accountId}::uuid, ${actorId}::uuid, e.action, e."targetType", e."targetId", e.before, e.after, now()
    FROM jsonb_to_recordset(${rows}::jsonb) AS e(action text, "targetType" text, "targetId" text, before jsonb, after jsonb)`;
}

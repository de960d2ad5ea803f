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

/** One insert for any number of events, so a bulk change of 1,000 users stays one round trip. */
export function recordAuditEvents(db: Tx, accountId: string, actorId: string | null, entries: AuditEntry[]) {
  return db.auditEvent.createMany({ data: entries.map((entry) => ({ accountId, actorId, ...entry })) });
}

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

export function recordAuditEvent(db: Tx, accountId: string, actorId: string | null, entry: AuditEntry) {
  return db.auditEvent.create({ data: { accountId, actorId, ...entry } });
}

import "server-only";
import type { Db } from "@/lib/db/client";
import { NEWEST_FIRST, olderThan, parseKeysetCursor, toPage, type Keyset } from "@/lib/pagination/keyset";

export const AUDIT_PAGE_SIZE = 50;

export const parseAuditCursor = parseKeysetCursor;

/** One page of an account's events, newest first, by keyset (createdAt, id). */
export async function listAuditEvents(db: Db, accountId: string, after?: Keyset) {
  const events = await db.auditEvent.findMany({
    where: { accountId, ...olderThan(after) },
    orderBy: [...NEWEST_FIRST],
    take: AUDIT_PAGE_SIZE + 1,
    select: {
      id: true, action: true, targetType: true, targetId: true, createdAt: true,
      actor: { select: { firstName: true, lastName: true, email: true } },
    },
  });
  const { rows, nextCursor } = toPage(events, AUDIT_PAGE_SIZE);
  return { events: rows, nextCursor };
}

import "server-only";
import type { Db } from "@/lib/db/client";
import { NEWEST_FIRST, olderThan, parseKeysetCursor, toPage, type Keyset } from "@/lib/pagination/keyset";

export const AUDIT_PAGE_SIZE = 50;

export const parseAuditCursor = parseKeysetCursor;

/** One page of an account's events, newest first, by keyset (createdAt, id); `userId`: only those by or about that user. */
export async function listAuditEvents(db: Db, accountId: string, after?: Keyset, options: { userId?: string } = {}) {
  const about = options.userId && { OR: [{ actorId: options.userId }, { targetType: "user", targetId: options.userId }] };
  const events = await db.auditEvent.findMany({
    where: { AND: [{ accountId }, olderThan(after), ...(about ? [about] : [])] },
    orderBy: [...NEWEST_FIRST],
    take: AUDIT_PAGE_SIZE + 1,
    select: {
      id: true, action: true, targetType: true, targetId: true, createdAt: true, before: true, after: true,
      actor: { select: { firstName: true, lastName: true, email: true } },
    },
  });
  const { rows, nextCursor } = toPage(events, AUDIT_PAGE_SIZE);
  return { events: rows, nextCursor };
}

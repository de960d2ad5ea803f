import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { NEWEST_FIRST, olderThan, parseKeysetCursor, toPage, type Keyset } from "@/lib/pagination/keyset";
import { endOfDay, startOfDay } from "@/lib/time-zone";
import { userSearchWhere } from "@/lib/users/list";
import type { AuditFilters } from "./list-params";
import { isUuid } from "@/lib/validation/uuid";

export const AUDIT_PAGE_SIZE = 50;

/** Users whose name or email a target search may match; a broader search only finds events about the first ones. */
export const TARGET_USERS_MAX = 1_000;

export const parseAuditCursor = parseKeysetCursor;

/**
 * The `where` for an account's events matching the filters: the one place the page and the export
 * share. Days are calendar days in `timeZone` (the viewer's), `to` included.
 */
export async function auditWhere(db: Db | Tx, accountId: string, filters: AuditFilters, timeZone: string): Promise<Prisma.AuditEventWhereInput> {
  const conditions: Prisma.AuditEventWhereInput[] = [{ accountId }];
  if (filters.actor) conditions.push({ actorId: filters.actor === "system" ? null : filters.actor });
  if (filters.action) conditions.push({ action: filters.action });
  if (filters.from) conditions.push({ createdAt: { gte: startOfDay(filters.from, timeZone) } });
  if (filters.to) conditions.push({ createdAt: { lt: endOfDay(filters.to, timeZone) } });
  if (filters.target) {
    const search = userSearchWhere(filters.target);
    const users = search ? await db.user.findMany({ where: { accountId, ...search }, select: { id: true }, take: TARGET_USERS_MAX }) : [];
    const aboutUsers = users.length > 0 ? [{ targetType: "user", targetId: { in: users.map((u) => u.id) } }] : [];
    conditions.push({ OR: [{ targetId: filters.target }, ...aboutUsers] });
  }
  return { AND: conditions };
}

const eventSelect = {
  id: true, action: true, actorId: true, targetType: true, targetId: true, createdAt: true, before: true, after: true,
  actor: { select: { firstName: true, lastName: true, email: true } },
  actorToken: { select: { name: true } },
} as const satisfies Prisma.AuditEventSelect;

/** A batch of events, newest first by keyset (createdAt, id). `userId`: only events by or about that user. */
export async function findAuditEvents(db: Db, accountId: string, options: { after?: Keyset; take: number; where?: Prisma.AuditEventWhereInput; userId?: string }) {
  const about = options.userId ? [{ OR: [{ actorId: options.userId }, { targetType: "user", targetId: options.userId }] }] : [];
  return db.auditEvent.findMany({
    where: { AND: [{ accountId }, olderThan(options.after), ...about, ...(options.where ? [options.where] : [])] },
    orderBy: [...NEWEST_FIRST],
    take: options.take,
    select: eventSelect,
  });
}

/** The events, each with the account's user it was about when there is one (`targetUser`): one query for the batch. */
export async function withTargetUsers<E extends { targetType: string | null; targetId: string | null }>(db: Db, accountId: string, events: E[]) {
  const userIds = [...new Set(events.filter((e) => e.targetType === "user" && e.targetId).map((e) => e.targetId!))];
  const users = userIds.length === 0 ? [] : await db.user.findMany({
    where: { accountId, id: { in: userIds.filter(isUuid) } },
    select: { id: true, firstName: true, lastName: true, email: true },
  });
  const byId = new Map(users.map((u) => [u.id, u]));
  return events.map((e) => ({ ...e, targetUser: e.targetType === "user" && e.targetId ? byId.get(e.targetId) : undefined }));
}

/** One event of the account, or null: another account's event is as unknown as a missing one. */
export async function findAuditEvent(db: Db, accountId: string, id: string) {
  if (!isUuid(id)) return null;
  return db.auditEvent.findFirst({ where: { id, accountId }, select: eventSelect });
}

/** One page of an account's events, newest first; `where` from `auditWhere`, `userId`: only those by or about that user. */
export async function listAuditEvents(db: Db, accountId: string, after?: Keyset, options: { userId?: string; where?: Prisma.AuditEventWhereInput } = {}) {
  const events = await findAuditEvents(db, accountId, { ...options, after, take: AUDIT_PAGE_SIZE + 1 });
  const { rows, nextCursor } = toPage(events, AUDIT_PAGE_SIZE);
  return { events: rows, nextCursor };
}

/** What the filters offer: the users who caused events in the account (and whether the system did), and the actions recorded. */
export async function auditFilterOptions(db: Db, accountId: string) {
  // Distinct values by a loose index scan (one index probe per value, not a scan of every event):
  // the account may have millions of events but only dozens of actions and actors.
  const [actions, actors, system] = await Promise.all([
    db.$queryRaw<{ action: string }[]>`
      WITH RECURSIVE found AS (
        (SELECT action FROM "AuditEvent" WHERE "accountId" = ${accountId}::uuid ORDER BY action LIMIT 1)
        UNION ALL
        SELECT (SELECT e.action FROM "AuditEvent" e WHERE e."accountId" = ${accountId}::uuid AND e.action > found.action ORDER BY e.action LIMIT 1)
        FROM found WHERE found.action IS NOT NULL
      )
      SELECT action FROM found WHERE action IS NOT NULL`,
    db.$queryRaw<{ actorId: string }[]>`
      WITH RECURSIVE found AS (
        (SELECT "actorId" FROM "AuditEvent" WHERE "accountId" = ${accountId}::uuid AND "actorId" IS NOT NULL ORDER BY "actorId" LIMIT 1)
        UNION ALL
        SELECT (SELECT e."actorId" FROM "AuditEvent" e WHERE e."accountId" = ${accountId}::uuid AND e."actorId" > found."actorId" ORDER BY e."actorId" LIMIT 1)
        FROM found WHERE found."actorId" IS NOT NULL
      )
      SELECT "actorId"::text AS "actorId" FROM found WHERE "actorId" IS NOT NULL`,
    db.auditEvent.findFirst({ where: { accountId, actorId: null }, select: { id: true } }),
  ]);
  const actorIds = actors.map((a) => a.actorId);
  const users = actorIds.length === 0 ? [] : await db.user.findMany({
    where: { id: { in: actorIds } },
    select: { id: true, firstName: true, lastName: true, email: true },
    orderBy: [{ nameKey: "asc" }, { id: "asc" }],
  });
  return { actors: users, system: system !== null, actions: actions.map((a) => a.action) };
}

import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { resolveFilters, userConditions } from "@/lib/users/list";
import type { UserFilters } from "@/lib/users/list-params";

/**
 * Filtered views count exactly up to this many users and say "10,000+" beyond: counting more would
 * read every match, and at a million users that is most of the account (decision 0028).
 */
export const COUNT_CAP = 10_000;

/** A count as the page shows it: exact, or "at least `value`" when the cap was reached. */
export type UserCount = { value: number; exact: boolean };

/** Past this many delta rows, reading an account's counts also folds them into one row per key. */
const FOLD_AFTER = 500;

/**
 * The account's user counts by key ("all", "status:ACTIVE", "role:ADMIN", "group:<id>",
 * "group:none", "twoStep:on"…), summed from the deltas the triggers append: a few dozen rows,
 * whatever the account's size. A key with no users is absent.
 */
export async function userCounts(db: Db | Tx, accountId: string): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ key: string; count: bigint; rows: bigint }[]>`
    SELECT key, sum(delta)::bigint AS count, count(*) AS rows FROM "UserCountDelta" WHERE "accountId" = ${accountId}::uuid GROUP BY key`;
  const deltas = rows.reduce((n, row) => n + Number(row.rows), 0);
  if (deltas > FOLD_AFTER) await foldUserCounts(db, accountId);
  return new Map(rows.filter((row) => row.count !== 0n).map((row) => [row.key, Number(row.count)]));
}

/**
 * Replaces an account's delta rows by one row per key, in one statement: rows appended meanwhile by
 * transactions not yet committed are not seen, so not deleted, and count on. Two folds at once are
 * safe too: the second skips the rows the first deleted.
 */
export async function foldUserCounts(db: Db | Tx, accountId: string): Promise<void> {
  await db.$executeRaw`
    WITH folded AS (DELETE FROM "UserCountDelta" WHERE "accountId" = ${accountId}::uuid RETURNING key, delta)
    INSERT INTO "UserCountDelta" ("accountId", key, delta)
    SELECT ${accountId}::uuid, key, sum(delta) FROM folded GROUP BY key HAVING sum(delta) <> 0`;
}

/** The counter that answers these filters exactly, when they are one filter a counter keeps. */
function counterKey(filters: UserFilters): string | undefined {
  const set = Object.entries(filters).filter(([, value]) => value !== undefined);
  if (set.length === 0) return "all";
  if (set.length > 1) return undefined;
  const [[name, value]] = set;
  return name === "q" || name === "product" ? undefined : `${name}:${value}`;
}

/**
 * How many of the account's users match the filters. No filter, or one filter of status, role,
 * group or second factor: the counters, exact. One product: its seats used, exact. Anything else
 * (search, several filters): counted up to COUNT_CAP through the same indexes as the list.
 */
export async function countUsers(db: Db | Tx, accountId: string, filters: UserFilters): Promise<UserCount> {
  const key = counterKey(filters);
  if (key) return { value: (await userCounts(db, accountId)).get(key) ?? 0, exact: true };
  if (filters.product && Object.values({ ...filters, product: undefined }).every((v) => v === undefined)) {
    const subscription = await db.subscription.findFirst({
      where: { accountId, product: { code: filters.product } },
      select: { seatsUsed: true },
    });
    return { value: subscription?.seatsUsed ?? 0, exact: true };
  }
  const count = await countMatchingUpTo(db, accountId, filters, COUNT_CAP + 1);
  return count > COUNT_CAP ? { value: COUNT_CAP, exact: false } : { value: count, exact: true };
}

/**
 * How many of the account's users match the filters, counting no further than `limit`: the
 * list's condition and indexes, stopped early (a million matches cost what `limit` does).
 */
export async function countMatchingUpTo(db: Db | Tx, accountId: string, filters: UserFilters, limit: number): Promise<number> {
  const resolved = await resolveFilters(db, accountId, filters);
  if (resolved.subscriptionId === null) return 0;
  const [{ count }] = await db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM (SELECT 1 FROM "User" u WHERE ${userConditions(accountId, resolved)} LIMIT ${limit}) matches`;
  return count;
}

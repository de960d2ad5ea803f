import "server-only";
import type { Db } from "@/lib/db/client";

/** At most `max` attempts under `key` in any `windowMs`. */
export interface Limit {
  key: string;
  max: number;
  windowMs: number;
}

/**
 * Given the times of the latest attempts (newest first, at least the last `max` in the window):
 * 0 while fewer than `max` fall in the window, else the minutes (at least 1) until the oldest of
 * the last `max` leaves it.
 */
export function minutesUntilFree(latest: Date[], max: number, windowMs: number): number {
  const inWindow = latest.filter((at) => at.getTime() > Date.now() - windowMs);
  if (inWindow.length < max) return 0;
  const freesAt = inWindow[max - 1].getTime() + windowMs;
  return Math.max(1, Math.ceil((freesAt - Date.now()) / 60_000));
}

/** Minutes until `limit.key` may be tried again, or 0 while under the limit (see minutesUntilFree). */
export async function minutesUntilAllowed(db: Db, limit: Limit): Promise<number> {
  const since = new Date(Date.now() - limit.windowMs);
  const recent = await db.rateLimitEvent.findMany({
    where: { key: limit.key, at: { gt: since } },
    orderBy: { at: "desc" },
    take: limit.max,
    select: { at: true },
  });
  return minutesUntilFree(recent.map((r) => r.at), limit.max, limit.windowMs);
}

/** Counts one attempt under each key, and forgets their attempts older than a day. */
export async function recordAttempts(db: Db, keys: string[]): Promise<void> {
  await db.$transaction([
    db.rateLimitEvent.createMany({ data: keys.map((key) => ({ key })) }),
    db.rateLimitEvent.deleteMany({ where: { key: { in: keys }, at: { lt: new Date(Date.now() - 86_400_000) } } }),
  ]);
}

export async function clearAttempts(db: Db, key: string): Promise<void> {
  await db.rateLimitEvent.deleteMany({ where: { key } });
}

import "server-only";
import type { Db, Tx } from "@/lib/db/client";

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
export async function minutesUntilAllowed(db: Tx, limit: Limit): Promise<number> {
  const since = new Date(Date.now() - limit.windowMs);
  const recent = await db.rateLimitEvent.findMany({
    where: { key: limit.key, at: { gt: since } },
    orderBy: { at: "desc" },
    take: limit.max,
    select: { at: true },
  });
  return minutesUntilFree(recent.map((r) => r.at), limit.max, limit.windowMs);
}

/**
 * The attempt rows a reservation inserted; or how long to wait when a limit had no room, and
 * whether this was the first refusal in the window (when a refusal marker was asked for).
 */
export type Reservation = { ok: true; ids: bigint[] } | { ok: false; minutes: number; firstRefusal: boolean };

/**
 * Counts one attempt under every limit *before* the attempt is made, atomically: under a
 * transaction-scoped advisory lock per key (taken in sorted order, so two reservations never
 * deadlock), each window is counted and the attempt's rows are inserted only when every limit has
 * room. However many requests race, at most `max` get a reservation per window. The caller keeps
 * the rows to count a failure, or deletes them (by id) when the attempt shouldn't count.
 * A refusal inserts nothing, except one `refusalMarker` row per window (so a caller can report a
 * refusal once, not once per attempt). Also forgets the keys' attempts older than a day.
 *
 * On the embedded database (PGlite, one backend) the lock is reentrant, but a connection owns the
 * backend for its whole transaction (lib/db/embedded-queue.ts), which serializes reservations alike.
 */
export async function reserveAttempt(db: Db, limits: Limit[], refusalMarker?: { key: string; windowMs: number }): Promise<Reservation> {
  const keys = limits.map((l) => l.key);
  const locked = refusalMarker ? [...keys, refusalMarker.key] : keys;
  return db.$transaction(async (tx) => {
    // One statement takes every lock, in the sorted subquery's order.
    await tx.$executeRaw`
      SELECT pg_advisory_xact_lock(hashtextextended('rate-limit:' || k, 0))
      FROM (SELECT DISTINCT k FROM unnest(${locked}::text[]) AS k ORDER BY k) AS sorted`;
    // Read committed: each count sees every reservation committed before this one got its locks.
    let minutes = 0;
    for (const limit of limits) minutes = Math.max(minutes, await minutesUntilAllowed(tx, limit));
    if (minutes > 0) {
      const firstRefusal = !!refusalMarker && (await minutesUntilAllowed(tx, { ...refusalMarker, max: 1 })) === 0;
      if (firstRefusal) await tx.rateLimitEvent.create({ data: { key: refusalMarker.key }, select: { id: true } });
      return { ok: false, minutes, firstRefusal };
    }
    const rows = await tx.rateLimitEvent.createManyAndReturn({ data: keys.map((key) => ({ key })), select: { id: true } });
    await tx.rateLimitEvent.deleteMany({ where: { key: { in: locked }, at: { lt: new Date(Date.now() - 86_400_000) } } });
    return { ok: true, ids: rows.map((r) => r.id) };
    // A burst of attempts (the very case this guards against) queues here for a connection and the
    // locks; the default 2 s wait would turn a queued attempt into an error instead of an answer.
  }, { maxWait: 15_000, timeout: 15_000 });
}

import "server-only";
import type { Db } from "@/lib/db/client";

const WINDOW_MS = 60_000;

export interface RateCount {
  limit: number;
  remaining: number;
  /** Seconds until the current window ends (and the count starts again). */
  resetSeconds: number;
  allowed: boolean;
}

/**
 * Counts one request of a token in the current minute, in one statement (an upsert on the window's
 * row), so replicas share the count and concurrent requests can't both take the last place. The
 * first request of a window also forgets the token's older windows.
 */
export async function countTokenRequest(db: Db, tokenId: string, limit: number, now = new Date()): Promise<RateCount> {
  const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
  const [{ count }] = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "ApiRateWindow" ("tokenId", "windowStart", count) VALUES (${tokenId}::uuid, ${windowStart}, 1)
    ON CONFLICT ("tokenId", "windowStart") DO UPDATE SET count = "ApiRateWindow".count + 1
    RETURNING count`;
  if (count === 1) await db.$executeRaw`DELETE FROM "ApiRateWindow" WHERE "tokenId" = ${tokenId}::uuid AND "windowStart" < ${windowStart}`;
  const resetSeconds = Math.max(1, Math.ceil((windowStart.getTime() + WINDOW_MS - now.getTime()) / 1000));
  return { limit, remaining: Math.max(0, limit - count), resetSeconds, allowed: count <= limit };
}

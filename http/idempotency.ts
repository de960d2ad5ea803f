// Idempotency-Key on POST (draft-ietf-httpapi-idempotency-key-header): the first request with a
// key claims it (a row, inserted or not in one statement), runs, and keeps its answer for 24 hours;
// a retry with the same key and the same request gets that answer again, flagged
// `Idempotent-Replayed: true`. The same key while the first still runs: 409; with another request:
// 422. Keys are per token. An answer of 5xx is not kept, so a retry runs again.
import "server-only";
import crypto from "node:crypto";
import { getDb } from "@/lib/db/client";
import type { AppLocale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/messages";
import { problem } from "./problem";

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const KEPT_MS = 24 * 3_600_000;
/** A claim older than this whose request never finished (a crash) may be taken again. */
const ABANDONED_MS = 10 * 60_000;

export const fingerprintOf = (method: string, path: string, body: string) => crypto.createHash("sha256").update(`${method} ${path}\n${body}`).digest("hex");

type Claim = { claimed: true } | { claimed: false; response: Response };

async function claim(tokenId: string, key: string, fingerprint: string, locale: AppLocale): Promise<Claim> {
  const t = translator(locale);
  const db = getDb();
  // Forget this token's keys past their day, and a claim abandoned by a crash, then claim the key.
  await db.$executeRaw`
    DELETE FROM "ApiIdempotencyKey" WHERE "tokenId" = ${tokenId}::uuid
      AND ("createdAt" < ${new Date(Date.now() - KEPT_MS)} OR (key = ${key} AND status IS NULL AND "createdAt" < ${new Date(Date.now() - ABANDONED_MS)}))`;
  const inserted = await db.$executeRaw`
    INSERT INTO "ApiIdempotencyKey" ("tokenId", key, fingerprint) VALUES (${tokenId}::uuid, ${key}, ${fingerprint})
    ON CONFLICT ("tokenId", key) DO NOTHING`;
  if (inserted === 1) return { claimed: true };
  const kept = await db.apiIdempotencyKey.findUnique({ where: { tokenId_key: { tokenId, key } } });
  if (!kept) return claim(tokenId, key, fingerprint, locale); // forgotten meanwhile: claim it now
  if (kept.fingerprint !== fingerprint) return { claimed: false, response: problem(422, "idempotencyKeyReused", t("api.idempotencyKeyReused")) };
  if (kept.status === null) return { claimed: false, response: problem(409, "idempotencyInProgress", t("api.idempotencyInProgress")) };
  const headers = new Headers({ "Idempotent-Replayed": "true" });
  if (kept.body) headers.set("Content-Type", kept.status >= 400 ? "application/problem+json; charset=utf-8" : "application/json; charset=utf-8");
  return { claimed: false, response: new Response(kept.body || null, { status: kept.status, headers }) };
}

/**
 * Runs `run` once per Idempotency-Key: without the header, just runs it. The header must be 1 to
 * 255 visible ASCII characters (400 otherwise).
 */
export async function idempotent(request: Request, tokenId: string, body: string, locale: AppLocale, run: () => Promise<Response>): Promise<Response> {
  const key = request.headers.get("idempotency-key");
  if (key === null) return run();
  if (!KEY_PATTERN.test(key)) return problem(400, "idempotencyKeyInvalid", translator(locale)("api.idempotencyKeyInvalid"));
  const url = new URL(request.url);
  const claimed = await claim(tokenId, key, fingerprintOf(request.method, url.pathname + url.search, body), locale);
  if (!claimed.claimed) return claimed.response;
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    await getDb().apiIdempotencyKey.deleteMany({ where: { tokenId, key } });
    throw error;
  }
  if (response.status >= 500) {
    await getDb().apiIdempotencyKey.deleteMany({ where: { tokenId, key } });
    return response;
  }
  const text = await response.text();
  await getDb().apiIdempotencyKey.updateMany({ where: { tokenId, key }, data: { status: response.status, body: text } });
  return new Response(text || null, { status: response.status, headers: response.headers });
}

// The pending sign-in state's token: who passed the password step, for which session version and
// callback, until when. Signed with HMAC-SHA256 under a key derived from AUTH_SECRET for this
// purpose only, so it is neither a session token nor anything else the app signs (decision 0020).
// No `server-only` marker and no request access: integration tests forge and inspect tokens.
import crypto from "node:crypto";
import { positiveNumber } from "@/lib/env";

export interface PendingClaims {
  userId: string;
  sessionVersion: number;
  callbackUrl: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/** How long the second step may take after the password (PENDING_SIGN_IN_MINUTES, 5 by default). */
export const pendingSignInTtlMs = () => positiveNumber("PENDING_SIGN_IN_MINUTES", 5) * 60_000;

function key(): Buffer {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET must be set to sign pending sign-ins.");
  return Buffer.from(crypto.hkdfSync("sha256", secret, "central-admin", "pending sign-in v1", 32));
}

const mac = (payload: string) => crypto.createHmac("sha256", key()).update(`pending-sign-in.${payload}`).digest("base64url");

/** `<payload>.<signature>`, both base64url. */
export function encodePendingToken(claims: Omit<PendingClaims, "expiresAt">, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ u: claims.userId, v: claims.sessionVersion, c: claims.callbackUrl, e: now + pendingSignInTtlMs() })).toString("base64url");
  return `${payload}.${mac(payload)}`;
}

/** The claims of a token this app signed and that hasn't expired, or null. */
export function decodePendingToken(token: string | undefined, now = Date.now()): PendingClaims | null {
  if (!token || token.length > 2048) return null;
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  try {
    const { u, v, c, e } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    if (typeof u !== "string" || !Number.isInteger(v) || typeof c !== "string" || typeof e !== "number" || e <= now) return null;
    return { userId: u, sessionVersion: v, callbackUrl: c, expiresAt: e };
  } catch {
    return null;
  }
}

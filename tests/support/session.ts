// Integration tests stand in for the signed cookie only: what readSessionClaims would have
// decoded. Everything after it (session row, user lookup, session version, account, permission)
// is real: each test user has a session row, as signing in makes one.
import { vi } from "vitest";
import type { SessionClaims } from "@/lib/auth/session-claims";
import { startSession } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db/client";
import { CLIENT_IP_HEADER } from "@/lib/security/client-ip";

let claims: SessionClaims | null = null;
/** For a user signed in without a session of theirs: the row made on first use. */
let pending: { userId: string; sessionVersion: number; row?: Promise<string> } | null = null;

vi.mock("@/lib/auth/session-claims", () => ({
  async readSessionClaims(): Promise<SessionClaims | null> {
    if (claims || !pending) return claims;
    pending.row ??= startTestSession(pending.userId);
    return { userId: pending.userId, sessionVersion: pending.sessionVersion, sessionId: await pending.row };
  },
}));

export const TEST_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/** A new session row for the user, as a sign-in from this browser and address would make. */
export function startTestSession(userId: string, from: { userAgent?: string; ip?: string } = {}): Promise<string> {
  const headers = new Headers({ "user-agent": from.userAgent ?? TEST_USER_AGENT, [CLIENT_IP_HEADER]: from.ip ?? "203.0.113.7" });
  return startSession(getDb(), userId, headers);
}

/**
 * The next calls run as this user, in the given session (by default the user's own `sessionId`,
 * which test accounts have; a user without one gets a session row when first used).
 */
export function signInAs(user: { id: string; sessionVersion: number; sessionId?: string } | null, sessionId = user?.sessionId) {
  claims = user && sessionId ? { userId: user.id, sessionVersion: user.sessionVersion, sessionId } : null;
  pending = user && !sessionId ? { userId: user.id, sessionVersion: user.sessionVersion } : null;
}

/** The session id the next calls run in (null when signed out). */
export async function currentSessionId(): Promise<string | null> {
  const { readSessionClaims } = await import("@/lib/auth/session-claims");
  return (await readSessionClaims())?.sessionId ?? null;
}

// Framework plumbing: there is no Next.js request store in an integration test to revalidate.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

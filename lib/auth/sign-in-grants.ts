import "server-only";
import crypto from "node:crypto";

export interface SignInUser {
  id: string;
  sessionVersion: number;
}

const TTL_MS = 30_000;

// On globalThis: the action that grants and the Auth.js provider that redeems may be bundled as two
// copies of this module.
const store = globalThis as unknown as { centralAdminSignInGrants?: Map<string, { user: SignInUser; expiresAt: number }> };
const grants = () => (store.centralAdminSignInGrants ??= new Map());

/**
 * Hands a user whose password the sign-in action just checked to Auth.js's credentials provider,
 * which then only issues the session cookie: the password is verified once, under the sign-in
 * limits. A grant never leaves the server: the action creates it and calls signIn() with it in the
 * same request, so it lives in this process only, is used once, and expires after 30 seconds.
 */
export function grantSignIn(user: SignInUser): string {
  const now = Date.now();
  for (const [key, grant] of grants()) if (grant.expiresAt <= now) grants().delete(key);
  const grant = crypto.randomBytes(32).toString("base64url");
  grants().set(grant, { user: { id: user.id, sessionVersion: user.sessionVersion }, expiresAt: now + TTL_MS });
  return grant;
}

/** The user of a grant, once; null for an unknown, used or expired one. */
export function redeemSignInGrant(grant: unknown): SignInUser | null {
  if (typeof grant !== "string") return null;
  const found = grants().get(grant);
  grants().delete(grant);
  return found && found.expiresAt > Date.now() ? found.user : null;
}

import "server-only";
import { verifyPassword } from "@/lib/auth/password";
import { redeemSignInGrant } from "@/lib/auth/sign-in-grants";
import { getDb, type Db } from "@/lib/db/client";
import { signInSchema } from "@/lib/validation/auth";

/** Why a sign-in failed, for the audit log only: the person signing in is never told which. */
export type SignInFailure = "password" | "suspended" | "inactive";

export type CredentialsCheck =
  | { user: { id: string; sessionVersion: number; twoStepEnabled: boolean }; failure: null }
  | { user: null; failure: SignInFailure };

/**
 * Checks an email and password. Unknown email, wrong password, suspended user and a user without
 * a password (still invited) all fail after the same argon2 work, so the answer and its timing
 * don't reveal whether the email exists. The reason is for the audit log: "password" whenever the
 * password doesn't match (or there is no such user); "suspended" or "inactive" when it matches a
 * user who may not sign in.
 */
export async function checkCredentials(db: Db, email: string, password: string): Promise<CredentialsCheck> {
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, passwordHash: true, status: true, sessionVersion: true, twoStepEnabled: true },
  });
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !valid) return { user: null, failure: "password" };
  if (user.status !== "ACTIVE") return { user: null, failure: user.status === "SUSPENDED" ? "suspended" : "inactive" };
  return { user: { id: user.id, sessionVersion: user.sessionVersion, twoStepEnabled: user.twoStepEnabled }, failure: null };
}

/**
 * The user an email and password sign in, or null (see checkCredentials). A user with a second
 * factor is never signed in by a password alone: they go through the sign-in form's two steps.
 */
export async function authenticate(db: Db, email: string, password: string) {
  const { user } = await checkCredentials(db, email, password);
  return user && !user.twoStepEnabled ? { id: user.id, sessionVersion: user.sessionVersion } : null;
}

/**
 * What Auth.js's credentials provider was given: a grant from the sign-in form's action, whose
 * password was already checked under the sign-in limits (lib/auth/sign-in.ts); or, after accepting
 * an invitation, the email and the password just set. The user it signs in, or null.
 */
export async function authorizeCredentials(raw: unknown) {
  if (raw && typeof raw === "object" && "grant" in raw) return redeemSignInGrant(raw.grant);
  const parsed = signInSchema.safeParse(raw);
  return parsed.success ? authenticate(getDb(), parsed.data.email, parsed.data.password) : null;
}

import "server-only";
import { UserFacingError } from "@/lib/actions/errors";
import { checkCredentials, type SignInFailure } from "@/lib/auth/authenticate";
import type { SecondStepMethod } from "@/lib/auth/pending-sign-in";
import { logSignInFailure } from "@/lib/auth/sign-in-log";
import type { SignInUser } from "@/lib/auth/sign-in-grants";
import { completeSignInAttempt, releaseSignInAttempt, reserveSignInAttempt } from "@/lib/auth/sign-in-limits";
import type { Db } from "@/lib/db/client";
import { ssoRequiredFor } from "@/lib/sso/policy";

export interface SignInAttempt {
  /** Lower-cased (signInSchema). */
  email: string;
  password: string;
  /** The client's address (lib/security/client-ip.ts). */
  ip: string;
}

/**
 * A sign-in with the form's email and password: the attempt is counted against the limits before
 * its password is checked (lib/auth/sign-in-limits.ts), then the outcome is audited in the email's
 * account — `auth.signIn` by the user, or `auth.signInFailed` by the system with the reason — and
 * the caller gets the user, or the one answer every failure gives. Never the password in an event.
 * A user with a second factor (`twoStepEnabled`) is not signed in yet: this attempt stops counting,
 * but the email's earlier failures stand and nothing is audited until the second step
 * (lib/auth/pending-sign-in.ts), so knowing the password never resets the count of wrong codes.
 */
export async function signInWithPassword(db: Db, { email, password, ip }: SignInAttempt): Promise<SignInUser & { twoStepEnabled: boolean }> {
  const reservation = await reserveSignInAttempt(db, email, ip);
  if (!reservation.ok) {
    // Once per email and window, not per attempt: a stream of refused guesses (no password checked)
    // must not flood the account's audit log; the first says the limit was reached, and from where.
    if (reservation.firstInWindow) await auditSignIn(db, email, "auth.signInFailed", { ip, reason: "limited" });
    throw new UserFacingError("errors.tooManySignIns", { minutes: reservation.minutes });
  }
  const { user, failure } = await checkCredentials(db, email, password);
  // Told only to whoever knows the password: the account signs its users in through its provider.
  if (user && (await ssoRequiredFor(db, user.id))) {
    await completeSignInAttempt(db, reservation);
    await auditSignIn(db, email, "auth.signInFailed", { ip, reason: "ssoRequired" });
    throw new UserFacingError("errors.ssoRequired");
  }
  if (user?.twoStepEnabled) {
    await releaseSignInAttempt(db, reservation);
    return user;
  }
  if (user) {
    await completeSignInAttempt(db, reservation);
    await auditSignIn(db, email, "auth.signIn", { ip });
    return user;
  }
  await auditSignIn(db, email, "auth.signInFailed", { ip, reason: failure });
  throw new UserFacingError("errors.invalidCredentials");
}

/**
 * One statement whether or not the email belongs to a user: it inserts the event into the user's
 * account, or nothing for an unknown email (no account to hold it). So a failure costs the caller
 * the same round trip either way, and, like checkCredentials, doesn't tell whether the email exists.
 * The user is the actor of a success; a failure's actor is the system (nobody was signed in).
 * `method`: the second step's (never its code). A failure is also one line of the server log.
 */
export async function auditSignIn(
  db: Db,
  email: string,
  action: "auth.signIn" | "auth.signInFailed",
  after: { ip: string; reason?: SignInFailure | "limited" | "secondStep" | "ssoRequired"; method?: SecondStepMethod },
) {
  const byUser = action === "auth.signIn";
  if (!byUser) logSignInFailure({ reason: after.reason ?? "unknown", email, ip: after.ip, method: after.method });
  await db.$executeRaw`
    INSERT INTO "AuditEvent" (id, "accountId", "actorId", action, "targetType", "targetId", after, "createdAt")
    SELECT gen_random_uuid(), u."accountId", CASE WHEN ${byUser}::boolean THEN u.id END, ${action}, 'user', u.id::text, ${JSON.stringify(after)}::jsonb, now()
    FROM "User" u WHERE u.email = ${email}`;
}

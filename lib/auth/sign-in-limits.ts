import "server-only";
import { UserFacingError } from "@/lib/actions/errors";
import type { Db } from "@/lib/db/client";
import { positiveInteger, positiveNumber } from "@/lib/env";
import { clearAttempts, minutesUntilAllowed, recordAttempts, type Limit } from "@/lib/security/rate-limit";

/**
 * Failed sign-ins allowed per email address and per client address in a sliding window
 * (SIGN_IN_FAILURES_PER_EMAIL, SIGN_IN_FAILURES_PER_IP, SIGN_IN_WINDOW_MINUTES). Read at call time.
 */
const emailKey = (email: string) => `sign-in:email:${email}`;

function signInLimits(email: string, ip: string): Limit[] {
  const windowMs = positiveNumber("SIGN_IN_WINDOW_MINUTES", 15) * 60_000;
  return [
    { key: emailKey(email), max: positiveInteger("SIGN_IN_FAILURES_PER_EMAIL", 10), windowMs },
    { key: `sign-in:ip:${ip}`, max: positiveInteger("SIGN_IN_FAILURES_PER_IP", 50), windowMs },
  ];
}

/**
 * Refuses a sign-in before any password check once the email or the client address has failed too
 * often. The same answer whether or not the email belongs to a user.
 */
export async function assertSignInAllowed(db: Db, email: string, ip: string): Promise<void> {
  const waits = await Promise.all(signInLimits(email, ip).map((limit) => minutesUntilAllowed(db, limit)));
  const minutes = Math.max(...waits);
  if (minutes > 0) throw new UserFacingError("errors.tooManySignIns", { minutes });
}

export async function recordSignInFailure(db: Db, email: string, ip: string): Promise<void> {
  await recordAttempts(db, signInLimits(email, ip).map((l) => l.key));
}

/** A successful sign-in forgets the email's failures (not the address's: it may be shared by an attacker). */
export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await clearAttempts(db, emailKey(email));
}

import "server-only";
import type { Db } from "@/lib/db/client";
import { positiveInteger, positiveNumber } from "@/lib/env";
import { reserveAttempt, type Limit } from "@/lib/security/rate-limit";

/**
 * Failed sign-ins allowed per email address and per client address in a sliding window
 * (SIGN_IN_FAILURES_PER_EMAIL, SIGN_IN_FAILURES_PER_IP, SIGN_IN_WINDOW_MINUTES). Read at call time.
 */
const emailKey = (email: string) => `sign-in:email:${email}`;
const windowMs = () => positiveNumber("SIGN_IN_WINDOW_MINUTES", 15) * 60_000;

function signInLimits(email: string, ip: string): Limit[] {
  return [
    { key: emailKey(email), max: positiveInteger("SIGN_IN_FAILURES_PER_EMAIL", 10), windowMs: windowMs() },
    { key: `sign-in:ip:${ip}`, max: positiveInteger("SIGN_IN_FAILURES_PER_IP", 50), windowMs: windowMs() },
  ];
}

export type SignInReservation =
  | { ok: true; email: string; ids: bigint[] }
  /** `firstInWindow`: the first refusal of this email in the window (see reserveSignInAttempt). */
  | { ok: false; minutes: number; firstInWindow: boolean };

/**
 * Counts a sign-in attempt as a failure *before* its password is checked, for the email and the
 * client address at once (lib/security/rate-limit.ts reserveAttempt): so however many attempts run
 * together, at most SIGN_IN_FAILURES_PER_EMAIL passwords of an email are ever checked in a window.
 * A refused attempt checks no password, whether or not the email belongs to a user; it also says
 * whether it is the email's first refusal in the window (one marker row per email and window), so
 * a caller can note a refusal once instead of once per attempt.
 */
export async function reserveSignInAttempt(db: Db, email: string, ip: string): Promise<SignInReservation> {
  const reservation = await reserveAttempt(db, signInLimits(email, ip), { key: `sign-in:refused:${email}`, windowMs: windowMs() });
  if (reservation.ok) return { ok: true, email, ids: reservation.ids };
  return { ok: false, minutes: reservation.minutes, firstInWindow: reservation.firstRefusal };
}

/**
 * The attempt succeeded: it no longer counts, and the email's earlier failures are forgotten (not
 * the address's: it may be shared by an attacker). A failed attempt simply keeps its reservation.
 */
export async function completeSignInAttempt(db: Db, reservation: { email: string; ids: bigint[] }): Promise<void> {
  await db.rateLimitEvent.deleteMany({ where: { OR: [{ id: { in: reservation.ids } }, { key: emailKey(reservation.email) }] } });
}

/**
 * The password was right but a second step follows: this attempt no longer counts, and the email's
 * earlier failures (wrong codes included) stand until the sign-in completes.
 */
export async function releaseSignInAttempt(db: Db, reservation: { ids: bigint[] }): Promise<void> {
  await db.rateLimitEvent.deleteMany({ where: { id: { in: reservation.ids } } });
}

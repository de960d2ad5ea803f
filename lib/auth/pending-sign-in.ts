import "server-only";
import { AuthError } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { UserFacingError } from "@/lib/actions/errors";
import { signIn } from "@/lib/auth/config";
import { decodePendingToken, encodePendingToken, pendingSignInTtlMs } from "@/lib/auth/pending-token";
import { servedOverHttps } from "@/lib/auth/session-settings";
import { auditSignIn } from "@/lib/auth/sign-in";
import { grantSignIn, type SignInUser } from "@/lib/auth/sign-in-grants";
import { completeSignInAttempt, reserveSignInAttempt } from "@/lib/auth/sign-in-limits";
import { getDb, type Db } from "@/lib/db/client";
import { clientIp } from "@/lib/security/client-ip";
import { safeCallbackPath } from "@/lib/validation/auth";
import { isUuid } from "@/lib/validation/uuid";

// Between the password and the second step of a sign-in (decision 0020): a short-lived signed
// cookie, not a session. getCurrentUser never reads it; only /sign-in/verify and its actions do.

export type SecondStepMethod = "totp" | "recoveryCode" | "passkey";

export interface PendingSignIn {
  userId: string;
  email: string;
  sessionVersion: number;
  callbackUrl: string;
}

/** HttpOnly, SameSite=Lax; over HTTPS Secure with the `__Host-` prefix, like the session cookie. */
function pendingCookie() {
  const secure = servedOverHttps();
  return { name: `${secure ? "__Host-" : ""}central-admin.pending-sign-in`, options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure } };
}

/** After a right password of a user with a second factor: the pending state instead of a session. */
export async function startPendingSignIn(user: SignInUser, callbackUrl: string): Promise<void> {
  const { name, options } = pendingCookie();
  const token = encodePendingToken({ userId: user.id, sessionVersion: user.sessionVersion, callbackUrl: safeCallbackPath(callbackUrl) });
  (await cookies()).set(name, token, { ...options, maxAge: Math.floor(pendingSignInTtlMs() / 1000) });
}

export async function clearPendingSignIn(): Promise<void> {
  const { name, options } = pendingCookie();
  const jar = await cookies();
  if (jar.get(name) !== undefined) jar.set(name, "", { ...options, maxAge: 0 });
}

/** This request's pending state, verified (signature, expiry, user still ACTIVE with the same sessionVersion), or null. */
export async function readPendingSignIn(): Promise<PendingSignIn | null> {
  const claims = decodePendingToken((await cookies()).get(pendingCookie().name)?.value);
  if (!claims || !isUuid(claims.userId)) return null;
  const user = await getDb().user.findUnique({ where: { id: claims.userId }, select: { email: true, status: true, sessionVersion: true } });
  if (!user || user.status !== "ACTIVE" || user.sessionVersion !== claims.sessionVersion) return null;
  return { userId: claims.userId, email: user.email, sessionVersion: claims.sessionVersion, callbackUrl: safeCallbackPath(claims.callbackUrl) };
}

/**
 * Second step: no pending state → UserFacingError("errors.signInExpired"); reserve an attempt against the sign-in limits;
 * check(pending, db) false → audited failure + UserFacingError("errors.invalidCode"); true → limits completed, pending cookie cleared,
 * auth.signIn audited with { method }, session issued (grant + signIn("credentials")) and redirect(pending.callbackUrl).
 */
export async function completeSecondStep(method: SecondStepMethod, check: (pending: PendingSignIn, db: Db) => Promise<boolean>): Promise<never> {
  const pending = await readPendingSignIn();
  if (!pending) throw new UserFacingError("errors.signInExpired");
  const db = getDb();
  const ip = clientIp(await headers());
  // Counted before the code is checked, like a password: a wrong code is a failed sign-in.
  const reservation = await reserveSignInAttempt(db, pending.email, ip);
  if (!reservation.ok) {
    if (reservation.firstInWindow) await auditSignIn(db, pending.email, "auth.signInFailed", { ip, reason: "limited", method });
    throw new UserFacingError("errors.tooManySignIns", { minutes: reservation.minutes });
  }
  if (!(await check(pending, db))) {
    await auditSignIn(db, pending.email, "auth.signInFailed", { ip, reason: "secondStep", method });
    throw new UserFacingError("errors.invalidCode");
  }
  await completeSignInAttempt(db, reservation);
  await auditSignIn(db, pending.email, "auth.signIn", { ip, method });
  await clearPendingSignIn();
  try {
    await signIn("credentials", { grant: grantSignIn({ id: pending.userId, sessionVersion: pending.sessionVersion }), redirect: false });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    throw new UserFacingError("errors.signInExpired");
  }
  redirect(pending.callbackUrl);
}

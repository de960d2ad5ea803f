import "server-only";
import type { ActionContext } from "@/lib/actions/define-action";
import { recordAuditEvents } from "@/lib/audit/record";
import type { Db, Tx } from "@/lib/db/client";
import { renewalInterval } from "@/lib/auth/renewal";
import { sessionLifetimes } from "@/lib/auth/session-settings";
import { clientIp } from "@/lib/security/client-ip";

// Server-side session rows (decision 0003). The session cookie, a JWT, carries its row's id; the
// row is what signing out revokes and what Profile › Active sessions lists.

const USER_AGENT_MAX_LENGTH = 300;

/** A new session row for a sign-in from this request: its id goes into the JWT (`sid`). */
export async function startSession(db: Db | Tx, userId: string, headers: Headers): Promise<string> {
  const { id } = await db.session.create({
    data: { userId, ip: clientIp(headers), userAgent: (headers.get("user-agent") ?? "").trim().slice(0, USER_AGENT_MAX_LENGTH) },
    select: { id: true },
  });
  return id;
}

/** How often a session's lastSeenAt is written: as often as its cookie is renewed, at most once a minute. */
export const lastSeenInterval = () => renewalInterval(sessionLifetimes().idleSeconds);

/**
 * Records that the session was used, at most once per interval. A conditional update, so requests
 * racing each other write it once; it never touches revokedAt, so it can't undo a revocation.
 */
export async function touchSession(db: Db | Tx, sessionId: string, lastSeenAt: Date): Promise<void> {
  const seconds = lastSeenInterval();
  if (Date.now() - lastSeenAt.getTime() < seconds * 1000) return; // no round trip while it's fresh
  await db.$executeRaw`
    UPDATE "Session" SET "lastSeenAt" = now()
    WHERE id = ${sessionId}::uuid AND "lastSeenAt" < now() - make_interval(secs => ${seconds})`;
}

/** Revokes one of the user's sessions; another user's (or an unknown) id revokes nothing. */
export async function revokeSession(db: Db | Tx, userId: string, sessionId: string): Promise<boolean> {
  const { count } = await db.session.updateMany({ where: { id: sessionId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count === 1;
}

/** Revokes every session of the user but the one given (the caller's own). */
export async function revokeOtherSessions(db: Db | Tx, userId: string, keepSessionId: string): Promise<number> {
  const { count } = await db.session.updateMany({ where: { userId, id: { not: keepSessionId }, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}

/**
 * Marks every session of these users revoked. Called wherever their sessionVersion is bumped
 * (suspend, delete, password change), which already refuses their JWTs: the rows then say so too.
 */
export async function revokeAllSessions(db: Db | Tx, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await db.$executeRaw`UPDATE "Session" SET "revokedAt" = now() WHERE "userId" = ANY(${userIds}::uuid[]) AND "revokedAt" IS NULL`;
}

/**
 * The user's sessions that can still be used: not revoked, used within the idle lifetime (lastSeenAt
 * lags by up to its write interval) and younger than the absolute one. This device first, then newest first.
 */
export async function listLiveSessions(db: Db | Tx, userId: string, currentSessionId: string, now = Date.now()) {
  const { idleSeconds, absoluteSeconds } = sessionLifetimes();
  const sessions = await db.session.findMany({
    where: {
      userId,
      revokedAt: null,
      lastSeenAt: { gt: new Date(now - (idleSeconds + lastSeenInterval()) * 1000) },
      createdAt: { gt: new Date(now - absoluteSeconds * 1000) },
    },
    select: { id: true, createdAt: true, lastSeenAt: true, ip: true, userAgent: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return sessions
    .map((s) => ({ ...s, current: s.id === currentSessionId }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

type SessionUser = { id: string; accountId: string; sessionId: string };

/** Signing out: the caller's session row is revoked (a copy of the cookie is then refused), audited. */
export async function endOwnSession(db: Db, user: SessionUser): Promise<void> {
  await db.$transaction(async (tx) => {
    await revokeSession(tx, user.id, user.sessionId);
    await recordAuditEvents(tx, user.accountId, user.id, [{ action: "auth.signOut", targetType: "user", targetId: user.id }]);
  });
}

/**
 * Profile › Active sessions › Sign out: one of the caller's other sessions. The id comes from the
 * form, so it only ever matches a row of the caller's (never this one: the account menu signs it
 * out); anything else — another user's id, one already signed out — revokes nothing.
 */
export async function revokeOwnSession(ctx: ActionContext, sessionId: string) {
  const revoked = sessionId !== ctx.user.sessionId && (await revokeSession(ctx.db, ctx.user.id, sessionId));
  ctx.audit({ action: "session.revoke", targetType: "user", targetId: ctx.user.id, after: revoked ? { sessionId } : { sessionId: null } });
  return { revoked };
}

/** Profile › Active sessions › Sign out everywhere else. */
export async function revokeOwnOtherSessions(ctx: ActionContext) {
  const count = await revokeOtherSessions(ctx.db, ctx.user.id, ctx.user.sessionId);
  ctx.audit({ action: "session.revokeOthers", targetType: "user", targetId: ctx.user.id, after: { count } });
  return { count };
}

import "server-only";
import { cache } from "react";
import { readSessionClaims, type SessionClaims } from "@/lib/auth/session-claims";
import { touchSession } from "@/lib/auth/sessions";
import { getDb, type Db } from "@/lib/db/client";
import { isUuid } from "@/lib/validation/uuid";

export type CurrentUser = NonNullable<Awaited<ReturnType<typeof loadSessionUser>>>;

/**
 * The user behind a session, or null when the session's row is gone, revoked or another user's,
 * the session version is behind the user's (suspension, password change), the user is no longer
 * active, or the user is gone. One query: the session row with its user.
 */
export async function loadSessionUser(db: Db, claims: SessionClaims) {
  if (!isUuid(claims.sessionId)) return null;
  const session = await db.session.findUnique({
    where: { id: claims.sessionId, userId: claims.userId, revokedAt: null },
    select: {
      lastSeenAt: true,
      user: {
        select: {
          id: true, accountId: true, email: true, firstName: true, lastName: true, role: true,
          status: true, locale: true, timeZone: true, sessionVersion: true,
          account: { select: { name: true } },
        },
      },
    },
  });
  const user = session?.user;
  if (!session || !user || user.sessionVersion !== claims.sessionVersion || user.status !== "ACTIVE") return null;
  await touchSession(db, claims.sessionId, session.lastSeenAt);
  return { ...user, sessionId: claims.sessionId };
}

/** The signed-in user for this request (memoized per request), or null. */
export const getCurrentUser = cache(async () => {
  const claims = await readSessionClaims();
  return claims ? loadSessionUser(getDb(), claims) : null;
});

import "server-only";
import { cache } from "react";
import { readSessionClaims, type SessionClaims } from "@/lib/auth/session-claims";
import { getDb, type Db } from "@/lib/db/client";

export type CurrentUser = NonNullable<Awaited<ReturnType<typeof loadSessionUser>>>;

/**
 * The user behind a session, or null when the session was revoked (its version is behind the
 * user's), the user is no longer active, or the user is gone.
 */
export async function loadSessionUser(db: Db, claims: SessionClaims) {
  const user = await db.user.findUnique({
    where: { id: claims.userId },
    select: {
      id: true, accountId: true, email: true, firstName: true, lastName: true, role: true,
      status: true, locale: true, timeZone: true, sessionVersion: true,
      account: { select: { name: true } },
    },
  });
  if (!user || user.sessionVersion !== claims.sessionVersion || user.status !== "ACTIVE") return null;
  return user;
}

/** The signed-in user for this request (memoized per request), or null. */
export const getCurrentUser = cache(async () => {
  const claims = await readSessionClaims();
  return claims ? loadSessionUser(getDb(), claims) : null;
});

import "server-only";
import { cache } from "react";
import { readSessionClaims, type SessionClaims } from "@/lib/auth/session-claims";
import { touchSession } from "@/lib/auth/sessions";
import { getDb, type Db } from "@/lib/db/client";
import type { AccountRole, Locale, TwoStepPolicy, UserStatus } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/validation/uuid";

export type CurrentUser = NonNullable<Awaited<ReturnType<typeof loadSessionUser>>>;
/** Who acts, as emails and audit events name them (an import's committer is one, without a session). */
export type Actor = Pick<CurrentUser, "id" | "role" | "firstName" | "lastName"> & { account: Pick<CurrentUser["account"], "name"> };

interface SessionRow {
  lastSeenAt: Date;
  id: string;
  accountId: string;
  email: string;
  firstName: string;
  lastName: string;
  role: AccountRole;
  status: UserStatus;
  locale: Locale;
  timeZone: string;
  sessionVersion: number;
  twoStepEnabled: boolean;
  createdAt: Date;
  accountName: string;
  twoStepPolicy: TwoStepPolicy;
  twoStepGraceDays: number;
  twoStepPolicyAt: Date | null;
}

/**
 * The user behind a session, or null when the session's row is gone, revoked or another user's,
 * the session version is behind the user's (suspension, password change), the user is no longer
 * active, or the user is gone. One round trip: the session row joined to its user and account
 * (plus, at most once a minute, the lastSeenAt write). It carries what the two-step policy's gate
 * needs (lib/auth/two-step-policy.ts), so gating a request costs no query.
 */
export async function loadSessionUser(db: Db, claims: SessionClaims) {
  if (!isUuid(claims.sessionId) || !isUuid(claims.userId)) return null;
  const [row] = await db.$queryRaw<SessionRow[]>`
    SELECT s."lastSeenAt", u.id, u."accountId", u.email, u."firstName", u."lastName", u.role, u.status, u.locale,
      u."timeZone", u."sessionVersion", u."twoStepEnabled", u."createdAt", a.name AS "accountName",
      a."twoStepPolicy", a."twoStepGraceDays", a."twoStepPolicyAt"
    FROM "Session" s JOIN "User" u ON u.id = s."userId" JOIN "Account" a ON a.id = u."accountId"
    WHERE s.id = ${claims.sessionId}::uuid AND s."userId" = ${claims.userId}::uuid AND s."revokedAt" IS NULL`;
  if (!row || row.sessionVersion !== claims.sessionVersion || row.status !== "ACTIVE") return null;
  await touchSession(db, claims.sessionId, row.lastSeenAt);
  const { lastSeenAt: _seen, accountName, twoStepPolicy, twoStepGraceDays, twoStepPolicyAt, ...user } = row;
  return { ...user, account: { name: accountName, twoStepPolicy, twoStepGraceDays, twoStepPolicyAt }, sessionId: claims.sessionId };
}

/** The signed-in user for this request (memoized per request), or null. */
export const getCurrentUser = cache(async () => {
  const claims = await readSessionClaims();
  return claims ? loadSessionUser(getDb(), claims) : null;
});

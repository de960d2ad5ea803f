import "server-only";
import { ssoRequiredFor } from "@/lib/sso/policy";
import { UserFacingError } from "@/lib/actions/errors";
import { recordAuditEvents } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { assertNewPasswordAllowed } from "@/lib/auth/password-policy";
import { revokeAllSessions } from "@/lib/auth/sessions";
import type { Db, Tx } from "@/lib/db/client";
import { hashToken, TOKEN_PATTERN } from "@/lib/invitations/tokens";
import { queueEmail } from "@/lib/mail/outbox";
import { signInUrl } from "./settings";

/** What a reset link is now: usable, or why not. "invalid" also covers a token of the wrong shape (never looked up). */
export type ResetLinkState = "open" | "invalid" | "expired" | "used" | "retired" | "unavailable";

type Reset = { usedAt: Date | null; retiredAt: Date | null; expiresAt: Date; user: { status: string } };

function stateOf(reset: Reset, now = new Date()): ResetLinkState {
  if (reset.usedAt) return "used";
  if (reset.retiredAt) return "retired";
  if (reset.expiresAt <= now) return "expired";
  return reset.user.status === "ACTIVE" ? "open" : "unavailable";
}

async function loadReset(db: Db | Tx, token: string) {
  if (!TOKEN_PATTERN.test(token)) return null;
  return db.passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true, userId: true, usedAt: true, retiredAt: true, expiresAt: true,
      user: { select: { id: true, accountId: true, email: true, firstName: true, locale: true, timeZone: true, status: true, account: { select: { name: true } } } },
    },
  });
}

/** What the reset page shows. Reads only: a mail scanner opening the link uses nothing up. */
export async function resetLinkState(db: Db, token: string): Promise<ResetLinkState> {
  const reset = await loadReset(db, token);
  return reset ? stateOf(reset) : "invalid";
}

const refused = (state: ResetLinkState) => new UserFacingError(`passwordReset.closed.${state}`);

/**
 * Sets a new password through a reset link: the link is used up by a conditional update (of two
 * submissions exactly one passes), the user's sessions all end (sessionVersion bumped, rows
 * revoked), a "your password was changed" notice is queued and the change audited — all in one
 * transaction. The user is not signed in: they sign in with the new password, second step included.
 */
export async function resetPassword(db: Db, input: { token: string; password: string }): Promise<void> {
  const reset = await loadReset(db, input.token);
  if (!reset) throw refused("invalid");
  const state = stateOf(reset);
  if (state !== "open") throw refused(state);
  const { user } = reset;
  // A link sent before the account required single sign-on no longer sets a password.
  if (await ssoRequiredFor(db, user.id)) throw refused("unavailable");
  assertNewPasswordAllowed(input.password, user.email);
  const passwordHash = await hashPassword(input.password); // before the transaction: no lock held while hashing
  await db.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.passwordReset.updateMany({
      where: { id: reset.id, usedAt: null, retiredAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count !== 1) {
      const current = await loadReset(tx, input.token);
      throw refused(current ? stateOf(current, now) : "invalid");
    }
    // By id (an email never changes, but the id is what the link was issued for); only while still active.
    const changed = await tx.user.updateMany({
      where: { id: user.id, accountId: user.accountId, status: "ACTIVE" },
      data: { passwordHash, sessionVersion: { increment: 1 } },
    });
    if (changed.count !== 1) throw refused("unavailable");
    await revokeAllSessions(tx, [user.id]);
    // Any other link of theirs is void too: the password it would reset was just chosen.
    await tx.passwordReset.updateMany({ where: { userId: user.id, usedAt: null, retiredAt: null }, data: { retiredAt: now } });
    await queueEmail(tx, user.accountId, {
      to: { email: user.email, locale: user.locale, timeZone: user.timeZone },
      kind: "passwordChanged",
      variables: { firstName: user.firstName, accountName: user.account.name, inviterName: "", signInUrl: signInUrl() },
    });
    await recordAuditEvents(tx, user.accountId, user.id, [{ action: "auth.passwordReset", targetType: "user", targetId: user.id }]);
  });
}

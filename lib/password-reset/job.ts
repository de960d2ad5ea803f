import "server-only";
import { ssoRequiredFor } from "@/lib/sso/policy";
import { recordAuditEvents } from "@/lib/audit/record";
import type { Db, Tx } from "@/lib/db/client";
import { issueInvitations } from "@/lib/invitations/issue";
import { hashToken, invitationSettings, LINK_TOKEN_PLACEHOLDER, newToken } from "@/lib/invitations/tokens";
import { queueEmail } from "@/lib/mail/outbox";
import { lockAccount } from "@/lib/users/rules";
import type { ResetRequestJob } from "./request";
import { passwordResetSettings, resetPasswordUrl } from "./settings";

export type ResetRequestOutcome = "linkSent" | "invitationResent" | "invitationHeldBack" | "refused" | "unknown";

const HOUR_MS = 3_600_000;

const userFields = {
  id: true, accountId: true, email: true, firstName: true, locale: true, timeZone: true, status: true,
  account: { select: { name: true } },
} as const;

/**
 * The work behind a "Forgot password?" request, done by a queue worker after the page has answered.
 * An active user gets a new link (their earlier unused ones retired); an invited user who never
 * accepted gets their welcome invitation again instead (no password to reset yet); a suspended
 * user or one whose transfer is pending gets nothing, and the account's audit log says a request
 * was refused; an unknown address is dropped. Delivery is at-least-once: a repeated job sends one
 * more link, which retires the previous one.
 */
export async function processResetRequest(db: Db, job: ResetRequestJob): Promise<ResetRequestOutcome> {
  const found = await db.user.findUnique({ where: { email: job.email }, select: { id: true, status: true } });
  if (!found) return "unknown";
  return db.$transaction(async (tx) => {
    // The account lock serializes this with every admin change to the user (suspend, delete, resend).
    const user = await lockedUser(tx, found.id);
    if (!user) return "unknown";
    // An account that signs this user in through its provider only has no password to reset.
    if (user.status === "ACTIVE" && (await ssoRequiredFor(tx, user.id))) {
      await recordAuditEvents(tx, user.accountId, null, [{ action: "auth.passwordResetRefused", targetType: "user", targetId: user.id, after: { reason: "ssoRequired" } }]);
      return "refused";
    }
    if (user.status === "ACTIVE") return sendResetLink(tx, user);
    if (user.status === "INVITED") return resendWelcome(tx, user);
    await recordAuditEvents(tx, user.accountId, null, [{ action: "auth.passwordResetRefused", targetType: "user", targetId: user.id, after: { status: user.status } }]);
    return "refused";
  });
}

type LockedUser = NonNullable<Awaited<ReturnType<typeof lockedUser>>>;

async function lockedUser(tx: Tx, userId: string) {
  const current = await tx.user.findUnique({ where: { id: userId }, select: { accountId: true } });
  if (!current) return null;
  await lockAccount(tx, current.accountId);
  return tx.user.findFirst({ where: { id: userId, accountId: current.accountId }, select: userFields });
}

/** A new single-use link, valid PASSWORD_RESET_MINUTES; the stored email holds a placeholder for its token. */
async function sendResetLink(tx: Tx, user: LockedUser): Promise<ResetRequestOutcome> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + passwordResetSettings().ttlMs);
  await tx.passwordReset.updateMany({ where: { userId: user.id, usedAt: null, retiredAt: null }, data: { retiredAt: now } });
  const token = newToken();
  await tx.passwordReset.create({ data: { userId: user.id, tokenHash: hashToken(token), expiresAt }, select: { id: true } });
  await queueEmail(tx, user.accountId, {
    to: { email: user.email, locale: user.locale, timeZone: user.timeZone },
    kind: "passwordReset",
    variables: { firstName: user.firstName, accountName: user.account.name, inviterName: "", resetUrl: resetPasswordUrl(LINK_TOKEN_PLACEHOLDER), expiresAt },
    linkToken: token,
  });
  await recordAuditEvents(tx, user.accountId, null, [{ action: "auth.passwordResetRequest", targetType: "user", targetId: user.id, after: { expiresAt: expiresAt.toISOString() } }]);
  return "linkSent";
}

/**
 * An invited user asking for a reset has no password yet: their welcome invitation is sent again,
 * within the same limits as "Resend invitation" (not within the resend interval of the last one,
 * not beyond the account's hourly allowance), silently skipped otherwise. It is sent in the name
 * of whoever invited them, if they still may (else of an account holder), so the link stays valid.
 */
async function resendWelcome(tx: Tx, user: LockedUser): Promise<ResetRequestOutcome> {
  const { resendIntervalMs, resendsPerHour } = invitationSettings();
  const now = Date.now();
  const [recent, resentThisHour, last] = await Promise.all([
    tx.invitation.count({ where: { accountId: user.accountId, userId: user.id, createdAt: { gt: new Date(now - resendIntervalMs) } } }),
    tx.invitation.count({ where: { accountId: user.accountId, resent: true, createdAt: { gt: new Date(now - HOUR_MS) } } }),
    tx.invitation.findFirst({
      where: { accountId: user.accountId, userId: user.id, kind: "WELCOME" },
      orderBy: { createdAt: "desc" },
      select: { invitedBy: { select: { id: true, firstName: true, lastName: true, accountId: true, status: true } } },
    }),
  ]);
  if (recent > 0 || resentThisHour >= resendsPerHour) return "invitationHeldBack";
  const previous = last?.invitedBy;
  const inviter = previous && previous.status === "ACTIVE" && previous.accountId === user.accountId
    ? previous
    : await tx.user.findFirst({
        where: { accountId: user.accountId, role: "ACCOUNT_HOLDER", status: "ACTIVE" },
        orderBy: { createdAt: "asc" },
        select: { id: true, firstName: true, lastName: true },
      });
  if (!inviter) return "invitationHeldBack";
  const [issued] = await issueInvitations(
    tx,
    user.accountId,
    { id: inviter.id, firstName: inviter.firstName, lastName: inviter.lastName, accountName: user.account.name },
    [{ user, kind: "WELCOME" }],
    { resent: true },
  );
  await recordAuditEvents(tx, user.accountId, null, [{
    action: "invitation.resend", targetType: "user", targetId: user.id, after: { expiresAt: issued.expiresAt.toISOString(), requestedBy: "forgotPassword" },
  }]);
  return "invitationResent";
}

import "server-only";
import { ssoRequiredFor } from "@/lib/sso/policy";
import type { ActionContext } from "@/lib/actions/define-action";
import { UserFacingError } from "@/lib/actions/errors";
import { recordAuditEvents } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { assertNewPasswordAllowed } from "@/lib/auth/password-policy";
import { revokeOtherSessions } from "@/lib/auth/sessions";
import type { Db, Tx } from "@/lib/db/client";
import { canAssignRole } from "@/lib/permissions";
import { assertHolderRemains, lockAccount } from "@/lib/users/rules";
import { userKeys } from "@/lib/users/search-key";
import { hashToken, TOKEN_PATTERN } from "./tokens";

export type InvitationState = "open" | "expired" | "retired" | "accepted" | "declined" | "unavailable" | "withdrawn";

async function loadInvitation(db: Db | Tx, token: string) {
  if (!TOKEN_PATTERN.test(token)) return null;
  return db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true, accountId: true, userId: true, invitedById: true, kind: true, role: true, groupId: true, productCodes: true,
      expiresAt: true, acceptedAt: true, declinedAt: true, retiredAt: true,
      account: { select: { name: true } },
      invitedBy: { select: { firstName: true, lastName: true, accountId: true, role: true, status: true } },
      user: {
        select: {
          email: true, firstName: true, lastName: true, status: true, accountId: true, timeZone: true, locale: true,
          account: { select: { name: true } },
          assignments: { select: { subscription: { select: { product: { select: { name: true } } } } } },
        },
      },
    },
  });
}

type Loaded = NonNullable<Awaited<ReturnType<typeof loadInvitation>>>;
type Closable = Pick<Loaded, "acceptedAt" | "declinedAt" | "retiredAt" | "expiresAt">;

function closedState(invitation: Closable): InvitationState | null {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.declinedAt) return "declined";
  if (invitation.retiredAt) return "retired";
  if (invitation.expiresAt <= new Date()) return "expired";
  return null;
}

/**
 * An invitation carries its inviter's authority, checked as it is now, not as it was when sent:
 * an inviter since deleted, suspended or moved to another account withdraws it, and a transfer
 * can't give a role above what its inviter may grant today.
 */
function inviterStillMay(invitation: Loaded): boolean {
  if (operatorIssued(invitation)) return true;
  const inviter = invitation.invitedBy;
  if (!inviter || inviter.status !== "ACTIVE" || inviter.accountId !== invitation.accountId) return false;
  return invitation.kind === "WELCOME" || canAssignRole(inviter.role, invitation.role);
}

/**
 * A welcome its invitee "sent" themselves: issued by the operator with `npm run account:create` to
 * the holder of a new account, where nobody could invite them (lib/setup/account-create.ts). The
 * app never issues one (an invited user can't invite); it carries the operator's authority.
 */
const operatorIssued = (invitation: Pick<Loaded, "kind" | "invitedById" | "userId">) =>
  invitation.kind === "WELCOME" && invitation.invitedById === invitation.userId;

/** A welcome is for an invited user of the inviting account; a transfer for a user of another one. */
function stateOf(invitation: Loaded): InvitationState {
  const { user } = invitation;
  const usable = invitation.kind === "WELCOME"
    ? user.accountId === invitation.accountId && user.status === "INVITED"
    : user.accountId !== invitation.accountId;
  return closedState(invitation) ?? (!usable ? "unavailable" : inviterStillMay(invitation) ? "open" : "withdrawn");
}

/**
 * The language a welcome invitation's invitee chose or was given (their stored setting), for the
 * invitation page and its answers to speak; null for an unknown token or a transfer (whose page
 * tells nobody but its signed-in invitee anything about them).
 */
export async function welcomeInviteeLocale(db: Db, token: string): Promise<string | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const invitation = await db.invitation.findUnique({ where: { tokenHash: hashToken(token) }, select: { kind: true, user: { select: { locale: true } } } });
  return invitation?.kind === "WELCOME" ? invitation.user.locale : null;
}

const refused = (state: InvitationState | "unknown") => new UserFacingError(`invitations.closed.${state}`);

/**
 * What the invitation page shows. Reads only: opening a link (or a mail scanner doing it) changes
 * nothing. A transfer is answered by its invitee signed in as themselves, so only they see what
 * it would change (their current account, their licences): anyone else — not signed in, or
 * signed in as somebody else — learns only who invites and to which account.
 */
export async function viewInvitation(db: Db, token: string, viewerId: string | null) {
  const invitation = await loadInvitation(db, token);
  if (!invitation) return null;
  const { user, invitedBy } = invitation;
  const common = {
    state: stateOf(invitation),
    accountName: invitation.account.name,
    inviterName: invitedBy && !operatorIssued(invitation) ? `${invitedBy.firstName} ${invitedBy.lastName}`.trim() : null,
    expiresAt: invitation.expiresAt,
    role: invitation.role,
  };
  if (invitation.kind === "WELCOME") {
    return {
      ...common,
      kind: "WELCOME" as const,
      /** The account signs this user in through its identity provider only: no password to set. */
      ssoRequired: await ssoRequiredFor(db, invitation.userId),
      user: { email: user.email, firstName: user.firstName, lastName: user.lastName, timeZone: user.timeZone, locale: user.locale },
    };
  }
  if (viewerId !== invitation.userId) return { ...common, kind: "TRANSFER" as const, viewer: viewerId ? "someoneElse" as const : "signedOut" as const };
  const products = invitation.productCodes.length > 0
    ? await db.product.findMany({ where: { code: { in: invitation.productCodes } }, select: { name: true }, orderBy: { name: "asc" } })
    : [];
  return {
    ...common,
    kind: "TRANSFER" as const,
    viewer: "invitee" as const,
    user: { email: user.email, timeZone: user.timeZone },
    /** The account the user would leave, the licences released there, the products joining gives. */
    currentAccountName: user.account.name,
    releasedProducts: [...new Set(user.assignments.map((a) => a.subscription.product.name))].sort(),
    joiningProducts: products.map((p) => p.name),
  };
}

export type InvitationView = NonNullable<Awaited<ReturnType<typeof viewInvitation>>>;

/** An open invitation of this kind; for a transfer, only to its invitee, signed in as themselves. */
async function openInvitation(db: Db | Tx, token: string, kind: Loaded["kind"], viewerId?: string) {
  const invitation = await loadInvitation(db, token);
  if (!invitation || invitation.kind !== kind) throw refused("unknown");
  if (kind === "TRANSFER" && invitation.userId !== viewerId) throw new UserFacingError("invitations.errors.notForYou");
  const state = stateOf(invitation);
  if (state !== "open") throw refused(state);
  return invitation;
}

/**
 * Closes the invitation for this request only: a conditional update, so of two submissions (a double
 * click, two tabs) exactly one passes; the other waits for the row, sees it closed and is refused.
 */
async function claim(tx: Tx, invitationId: string, closeWith: "acceptedAt" | "declinedAt") {
  const now = new Date();
  const { count } = await tx.invitation.updateMany({
    where: { id: invitationId, acceptedAt: null, declinedAt: null, retiredAt: null, expiresAt: { gt: now } },
    data: { [closeWith]: now },
  });
  if (count === 1) return;
  const current = await tx.invitation.findUnique({ where: { id: invitationId }, select: { acceptedAt: true, declinedAt: true, retiredAt: true, expiresAt: true } });
  throw refused((current && closedState(current)) ?? "unknown");
}

export interface WelcomeAnswer {
  token: string;
  firstName: string;
  lastName: string;
  password: string;
}

/** A new user accepts: their names and password are set and they become active, in one transaction. */
export async function acceptWelcome(db: Db, answer: WelcomeAnswer) {
  const invitation = await openInvitation(db, answer.token, "WELCOME");
  if (await ssoRequiredFor(db, invitation.userId)) throw new UserFacingError("errors.ssoRequired");
  assertNewPasswordAllowed(answer.password, invitation.user.email);
  const passwordHash = await hashPassword(answer.password); // before the transaction: no lock held while hashing
  const names = { firstName: answer.firstName, lastName: answer.lastName };
  await db.$transaction(async (tx) => {
    await claim(tx, invitation.id, "acceptedAt");
    const { count } = await tx.user.updateMany({
      where: { id: invitation.userId, accountId: invitation.accountId, status: "INVITED" },
      data: { ...names, ...userKeys({ ...names, email: invitation.user.email }), passwordHash, status: "ACTIVE" },
    });
    if (count !== 1) throw refused("unavailable");
    await recordAuditEvents(tx, invitation.accountId, invitation.userId, [{
      action: "invitation.accept",
      targetType: "user",
      targetId: invitation.userId,
      before: { status: "INVITED", firstName: invitation.user.firstName, lastName: invitation.user.lastName },
      after: { status: "ACTIVE", ...names },
    }]);
  });
  return { email: invitation.user.email };
}

/** The signed-in invitee answering a transfer, in the action's transaction. */
type InviteeContext = Pick<ActionContext, "db" | "user" | "audit">;

/**
 * The signed-in invitee accepts a transfer, in the action's transaction: the invitation is claimed,
 * the user leaves their account (its licences freed) and joins the inviting one with the
 * invitation's role, group and products (a product without a free seat is skipped and said so in
 * the audit), their other live invitations are retired, and both accounts audit it. This session
 * goes on, now in the new account (the account is read from the user on every request); their
 * other sessions end, as the page says.
 */
export async function acceptTransfer(ctx: InviteeContext, token: string) {
  const invitation = await openInvitation(ctx.db, token, "TRANSFER", ctx.user.id);
  const { user } = invitation;
  const fromAccountId = user.accountId;
  const toAccountId = invitation.accountId;
  const userId = invitation.userId;
  const tx = ctx.db;

  // Both accounts, always in the same order, so two transfers crossing each other can't deadlock.
  for (const accountId of [fromAccountId, toAccountId].sort()) await lockAccount(tx, accountId);
  await claim(tx, invitation.id, "acceptedAt");
  const [current] = await tx.$queryRaw<{ accountId: string; role: Loaded["role"]; status: Loaded["user"]["status"]; groupId: string | null }[]>`
    SELECT "accountId", role, status, "groupId" FROM "User" WHERE id = ${userId}::uuid FOR UPDATE`;
  if (!current || current.accountId !== fromAccountId || current.status !== "ACTIVE") throw new UserFacingError("invitations.errors.changed");
  try {
    await assertHolderRemains(tx, fromAccountId, [{ id: userId, role: current.role, status: current.status }]);
  } catch (error) {
    if (error instanceof UserFacingError) throw new UserFacingError("invitations.errors.lastHolder", { account: user.account.name });
    throw error;
  }

  // The delete trigger frees the seats in the old account.
  const released = await tx.$queryRaw<{ code: string }[]>`
    DELETE FROM "LicenceAssignment" a USING "Subscription" s, "Product" p
    WHERE a."userId" = ${userId}::uuid AND s.id = a."subscriptionId" AND p.id = s."productId"
    RETURNING p.code`;
  const group = invitation.groupId
    ? await tx.userGroup.findFirst({ where: { id: invitation.groupId, accountId: toAccountId }, select: { id: true } })
    : null;
  await tx.user.update({
    where: { id: userId },
    data: { accountId: toAccountId, role: invitation.role, groupId: group?.id ?? null, status: "ACTIVE" },
  });
  const assigned = await claimSeats(tx, toAccountId, userId, invitation.productCodes);
  await tx.invitation.updateMany({
    where: { userId, id: { not: invitation.id }, acceptedAt: null, declinedAt: null, retiredAt: null },
    data: { retiredAt: new Date() },
  });
  await revokeOtherSessions(tx, userId, ctx.user.sessionId);

  const releasedCodes = released.map((r) => r.code).sort();
  const skippedProducts = invitation.productCodes.filter((code) => !assigned.includes(code));
  // In the account the user leaves (the action's own account): the wrapper records it there.
  ctx.audit({
    action: "user.transfer.out", targetType: "user", targetId: userId,
    before: { accountId: fromAccountId, role: current.role, status: current.status, groupId: current.groupId, products: releasedCodes },
    after: { accountId: toAccountId, accountName: invitation.account.name },
  });
  await recordAuditEvents(tx, toAccountId, userId, [{
    action: "user.transfer.in", targetType: "user", targetId: userId,
    before: { accountId: fromAccountId, accountName: user.account.name },
    after: { accountId: toAccountId, role: invitation.role, groupId: group?.id ?? null, status: "ACTIVE", products: assigned, skippedProducts },
  }]);
  return { released: releasedCodes, assigned, skippedProducts };
}

/**
 * One seat of each product, where the account has one free: the subscription row is claimed by a
 * no-op update whose condition PostgreSQL re-checks once the lock is ours, and the assignment is
 * inserted only for claimed rows (the pattern of lib/licences/assign.ts). Returns the codes assigned.
 */
async function claimSeats(tx: Tx, accountId: string, userId: string, productCodes: string[]) {
  if (productCodes.length === 0) return [];
  const rows = await tx.$queryRaw<{ code: string }[]>`
    WITH wanted AS (
      SELECT s.id, p.code FROM "Subscription" s JOIN "Product" p ON p.id = s."productId"
      WHERE s."accountId" = ${accountId}::uuid AND p.code = ANY(${productCodes}::text[])
    ), claim AS (
      UPDATE "Subscription" s SET "seatsPurchased" = s."seatsPurchased" FROM wanted
      WHERE s.id = wanted.id AND s."seatsPurchased" - s."seatsUsed" >= 1
      RETURNING s.id
    ), inserted AS (
      INSERT INTO "LicenceAssignment" (id, "accountId", "subscriptionId", "userId", "createdAt")
      SELECT gen_random_uuid(), ${accountId}::uuid, claim.id, ${userId}::uuid, now() FROM claim
      ON CONFLICT ("subscriptionId", "userId") DO NOTHING
      RETURNING "subscriptionId"
    )
    SELECT wanted.code FROM wanted JOIN inserted ON inserted."subscriptionId" = wanted.id`;
  return rows.map((r) => r.code).sort();
}

/**
 * The signed-in invitee declines a transfer: the invitation is closed and audited in the inviting
 * account; the user is left as is.
 */
export async function declineTransfer(ctx: InviteeContext, token: string) {
  const invitation = await openInvitation(ctx.db, token, "TRANSFER", ctx.user.id);
  await claim(ctx.db, invitation.id, "declinedAt");
  await recordAuditEvents(ctx.db, invitation.accountId, invitation.userId, [{ action: "invitation.decline", targetType: "user", targetId: invitation.userId }]);
  // Their own account records only that they declined an invitation (the wrapper's event), not whose.
  return { token };
}

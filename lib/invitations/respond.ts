import "server-only";
import { UserFacingError } from "@/lib/actions/errors";
import { recordAuditEvents } from "@/lib/audit/record";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { assertNewPasswordAllowed } from "@/lib/auth/password-policy";
import type { Db, Tx } from "@/lib/db/client";
import { assertHolderRemains, lockAccount } from "@/lib/users/rules";
import { userKeys } from "@/lib/users/search-key";
import { hashToken, TOKEN_PATTERN } from "./tokens";

export type InvitationState = "open" | "expired" | "retired" | "accepted" | "declined" | "unavailable";

async function loadInvitation(db: Db, token: string) {
  if (!TOKEN_PATTERN.test(token)) return null;
  return db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true, accountId: true, userId: true, kind: true, role: true, groupId: true, productCodes: true,
      expiresAt: true, acceptedAt: true, declinedAt: true, retiredAt: true,
      account: { select: { name: true } },
      invitedBy: { select: { firstName: true, lastName: true } },
      user: {
        select: {
          email: true, firstName: true, lastName: true, status: true, accountId: true, passwordHash: true, timeZone: true,
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

/** A welcome is for an invited user of the inviting account; a transfer for a user of another one. */
function stateOf(invitation: Loaded): InvitationState {
  const { user } = invitation;
  const usable = invitation.kind === "WELCOME"
    ? user.accountId === invitation.accountId && user.status === "INVITED"
    : user.accountId !== invitation.accountId;
  return closedState(invitation) ?? (usable ? "open" : "unavailable");
}

const refused = (state: InvitationState | "unknown") => new UserFacingError(`invitations.closed.${state}`);

/** What the invitation page shows. Reads only: opening a link (or a mail scanner doing it) changes nothing. */
export async function viewInvitation(db: Db, token: string) {
  const invitation = await loadInvitation(db, token);
  if (!invitation) return null;
  const { user, invitedBy } = invitation;
  const products = invitation.kind === "TRANSFER" && invitation.productCodes.length > 0
    ? await db.product.findMany({ where: { code: { in: invitation.productCodes } }, select: { name: true }, orderBy: { name: "asc" } })
    : [];
  return {
    state: stateOf(invitation),
    kind: invitation.kind,
    accountName: invitation.account.name,
    inviterName: invitedBy ? `${invitedBy.firstName} ${invitedBy.lastName}`.trim() : null,
    expiresAt: invitation.expiresAt,
    role: invitation.role,
    user: { email: user.email, firstName: user.firstName, lastName: user.lastName, timeZone: user.timeZone, hasPassword: user.passwordHash !== null },
    /** For a transfer: the account the user would leave, the licences released there, the products joining gives. */
    currentAccountName: user.account.name,
    releasedProducts: [...new Set(user.assignments.map((a) => a.subscription.product.name))].sort(),
    joiningProducts: products.map((p) => p.name),
  };
}

export type InvitationView = NonNullable<Awaited<ReturnType<typeof viewInvitation>>>;

async function openInvitation(db: Db, token: string, kind: Loaded["kind"]) {
  const invitation = await loadInvitation(db, token);
  if (!invitation || invitation.kind !== kind) throw refused("unknown");
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

export interface TransferAnswer {
  token: string;
  /** Required when the user has a password. */
  currentPassword?: string;
  /** Required when they have none yet (they were still invited in their current account). */
  password?: string;
}

/** The password the user signs in with after the move: their current one, checked, or a new one, hashed. */
async function transferPassword(storedHash: string | null, email: string, answer: TransferAnswer) {
  if (storedHash) {
    if (!answer.currentPassword) throw new UserFacingError("validation.required", {}, "currentPassword");
    if (!(await verifyPassword(storedHash, answer.currentPassword))) throw new UserFacingError("invitations.errors.wrongPassword", {}, "currentPassword");
    return { signInWith: answer.currentPassword, newHash: undefined };
  }
  if (!answer.password) throw new UserFacingError("validation.required", {}, "password");
  assertNewPasswordAllowed(answer.password, email);
  return { signInWith: answer.password, newHash: await hashPassword(answer.password) };
}

/**
 * A user of another account accepts a transfer, in one transaction: the invitation is claimed, the
 * user leaves their account (its licences freed, their sessions ended) and joins the inviting one
 * with the invitation's role, group and products (a product without a free seat is skipped and
 * said so in the audit), their other live invitations are retired, and both accounts audit it.
 */
export async function acceptTransfer(db: Db, answer: TransferAnswer) {
  const invitation = await openInvitation(db, answer.token, "TRANSFER");
  const { user } = invitation;
  const password = await transferPassword(user.passwordHash, user.email, answer);
  const fromAccountId = user.accountId;
  const toAccountId = invitation.accountId;
  const userId = invitation.userId;

  const outcome = await db.$transaction(async (tx) => {
    // Both accounts, always in the same order, so two transfers crossing each other can't deadlock.
    for (const accountId of [fromAccountId, toAccountId].sort()) await lockAccount(tx, accountId);
    await claim(tx, invitation.id, "acceptedAt");
    const [current] = await tx.$queryRaw<{ accountId: string; passwordHash: string | null; role: Loaded["role"]; status: Loaded["user"]["status"]; groupId: string | null }[]>`
      SELECT "accountId", "passwordHash", role, status, "groupId" FROM "User" WHERE id = ${userId}::uuid FOR UPDATE`;
    if (!current || current.accountId !== fromAccountId || current.passwordHash !== user.passwordHash) {
      throw new UserFacingError("invitations.errors.changed");
    }
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
      data: {
        accountId: toAccountId, role: invitation.role, groupId: group?.id ?? null, status: "ACTIVE",
        sessionVersion: { increment: 1 }, ...(password.newHash && { passwordHash: password.newHash }),
      },
    });
    const assigned = await claimSeats(tx, toAccountId, userId, invitation.productCodes);
    await tx.invitation.updateMany({
      where: { userId, id: { not: invitation.id }, acceptedAt: null, declinedAt: null, retiredAt: null },
      data: { retiredAt: new Date() },
    });

    const releasedCodes = released.map((r) => r.code).sort();
    const skippedProducts = invitation.productCodes.filter((code) => !assigned.includes(code));
    await recordAuditEvents(tx, fromAccountId, userId, [{
      action: "user.transfer.out", targetType: "user", targetId: userId,
      before: { accountId: fromAccountId, role: current.role, status: current.status, groupId: current.groupId, products: releasedCodes },
      after: { accountId: toAccountId, accountName: invitation.account.name },
    }]);
    await recordAuditEvents(tx, toAccountId, userId, [{
      action: "user.transfer.in", targetType: "user", targetId: userId,
      before: { accountId: fromAccountId, accountName: user.account.name },
      after: { accountId: toAccountId, role: invitation.role, groupId: group?.id ?? null, status: "ACTIVE", products: assigned, skippedProducts },
    }]);
    return { released: releasedCodes, assigned, skippedProducts };
  });
  return { email: user.email, password: password.signInWith, ...outcome };
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

/** The invitee declines a transfer: the invitation is closed and audited in the inviting account; the user is left as is. */
export async function declineTransfer(db: Db, token: string) {
  const invitation = await openInvitation(db, token, "TRANSFER");
  await db.$transaction(async (tx) => {
    await claim(tx, invitation.id, "declinedAt");
    await recordAuditEvents(tx, invitation.accountId, invitation.userId, [{ action: "invitation.decline", targetType: "user", targetId: invitation.userId }]);
  });
  return { accountName: invitation.user.account.name };
}

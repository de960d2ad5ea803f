import "server-only";
import type { ActionContext } from "@/lib/actions/define-action";
import { NotFoundError, UserFacingError } from "@/lib/actions/errors";
import { rolesAbove } from "@/lib/permissions";
import { selectTargets, type Selection } from "@/lib/users/bulk";
import { aboveYouError, assertMayManage, lockAccount } from "@/lib/users/rules";
import { issueInvitations } from "./issue";
import { invitationSettings } from "./tokens";

type ResendContext = Pick<ActionContext, "db" | "accountId" | "user" | "audit">;

const HOUR_MS = 3_600_000;

/**
 * Splits users into those who may get a new link now and those invited less than the resend
 * interval ago, with the interval and the minutes until the last of these may have one. The caller holds the account lock,
 * so two requests can't both find a user ready.
 */
async function byInterval(ctx: ResendContext, userIds: string[]) {
  const { resendIntervalMs } = invitationSettings();
  const now = Date.now();
  const recent = await ctx.db.invitation.groupBy({
    by: ["userId"],
    where: { accountId: ctx.accountId, userId: { in: userIds }, createdAt: { gt: new Date(now - resendIntervalMs) } },
    _max: { createdAt: true },
  });
  const waiting = new Set(recent.map((r) => r.userId));
  const waitMs = Math.max(0, ...recent.map((r) => r._max.createdAt!.getTime() + resendIntervalMs - now));
  return {
    ready: userIds.filter((id) => !waiting.has(id)),
    waiting: waiting.size,
    wait: { interval: Math.max(1, Math.round(resendIntervalMs / 60_000)), minutes: Math.max(1, Math.ceil(waitMs / 60_000)) },
  };
}

/** The account's hourly allowance of resent invitations: refused whole, with the numbers, when these would exceed it. */
async function assertWithinHourlyLimit(ctx: ResendContext, requested: number) {
  const { resendsPerHour: limit } = invitationSettings();
  const used = await ctx.db.invitation.count({
    where: { accountId: ctx.accountId, resent: true, createdAt: { gt: new Date(Date.now() - HOUR_MS) } },
  });
  if (used + requested > limit) throw new UserFacingError("invitations.resend.hourlyLimit", { limit, used, requested });
}

/** Issues fresh welcome links (retiring the previous ones) and audits each. */
async function resend(ctx: ResendContext, userIds: string[]) {
  await assertWithinHourlyLimit(ctx, userIds.length);
  const users = await ctx.db.user.findMany({
    where: { accountId: ctx.accountId, id: { in: userIds } },
    select: { id: true, email: true, firstName: true, locale: true, timeZone: true },
  });
  const inviter = { id: ctx.user.id, firstName: ctx.user.firstName, lastName: ctx.user.lastName, accountName: ctx.user.account.name };
  const issued = await issueInvitations(ctx.db, ctx.accountId, inviter, users.map((user) => ({ user, kind: "WELCOME" as const })), { resent: true });
  for (const invitation of issued) {
    ctx.audit({ action: "invitation.resend", targetType: "user", targetId: invitation.userId, after: { expiresAt: invitation.expiresAt.toISOString() } });
  }
  return issued.length;
}

/** "Resend invitation" on a user's page: an invited user of the caller's account, refused when invited too recently. */
export async function resendInvitation(ctx: ResendContext, userId: string) {
  await lockAccount(ctx.db, ctx.accountId);
  const user = await ctx.db.user.findFirst({ where: { id: userId, accountId: ctx.accountId }, select: { id: true, role: true, status: true } });
  if (!user) throw new NotFoundError();
  assertMayManage(ctx.user, [user], { self: true }); // not a user above the caller's role
  if (user.status !== "INVITED") throw new UserFacingError("invitations.resend.notInvited");
  const { ready, wait } = await byInterval(ctx, [userId]);
  if (ready.length === 0) throw new UserFacingError("invitations.resend.tooSoon", wait);
  return { count: await resend(ctx, ready) };
}

/**
 * "Resend invitation" on a selection: the invited users get new links; the others, and those
 * invited too recently, are skipped and counted. Refused when nobody could get one.
 */
export async function bulkResendInvitations(ctx: ResendContext, selection: Selection, expectedCount: number) {
  const targets = await selectTargets(ctx, selection, expectedCount); // locks the account
  // Not users above the caller's role, among those it would resend to (the targets are loaded already).
  const above = rolesAbove(ctx.user.role);
  const refusal = aboveYouError(targets.filter((t) => t.status === "INVITED" && above.includes(t.role)).length, expectedCount);
  if (refusal) throw refusal;
  const invited = targets.filter((t) => t.status === "INVITED").map((t) => t.id);
  if (invited.length === 0) throw new UserFacingError("invitations.resend.noneInvited");
  const { ready, waiting, wait } = await byInterval(ctx, invited);
  if (ready.length === 0) throw new UserFacingError("invitations.resend.allTooSoon", wait);
  const count = await resend(ctx, ready);
  return { count, skipped: targets.length - count, notInvited: targets.length - invited.length, tooSoon: waiting };
}

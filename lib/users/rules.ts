import "server-only";
import { UserFacingError } from "@/lib/actions/errors";
import type { Tx } from "@/lib/db/client";
import type { AccountRole, UserStatus } from "@/lib/generated/prisma/enums";
import { ForbiddenError, rolesAbove } from "@/lib/permissions";

export interface Actor {
  id: string;
  role: AccountRole;
}

export interface Target {
  id: string;
  role: AccountRole;
  status: UserStatus;
}

/**
 * Serializes changes to roles and statuses within one account, so two requests can't each remove
 * "the other" last account holder.
 */
export async function lockAccount(tx: Tx, accountId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Account" WHERE id = ${accountId}::uuid FOR UPDATE`;
}

/**
 * The refusal when `above` of the `selected` users have a role above the caller's (null when none
 * does): the one answer of every user-targeting action, single or bulk. A bulk action is refused
 * whole, naming how many are above (the convention of the bulk role change), never half-applied.
 */
export function aboveYouError(above: number, selected: number): Error | null {
  if (above === 0) return null;
  return selected === 1 ? new ForbiddenError("targetAboveYou") : new UserFacingError("errors.targetsAboveYou", { count: above });
}

/**
 * Nobody acts on users whose role is above their own (roles, groups, status, profile, products,
 * capabilities, invitations); `self: false` also refuses the actor's own user. For a selection
 * that isn't loaded, lib/users/bulk.ts counts them in SQL with the same rule (assertMayManageSelection).
 */
export function assertMayManage(actor: Actor, targets: Pick<Target, "id" | "role">[], options: { self: boolean }): void {
  if (!options.self && targets.some((t) => t.id === actor.id)) throw new UserFacingError("errors.notYourself");
  const above = rolesAbove(actor.role);
  const error = aboveYouError(targets.filter((t) => above.includes(t.role)).length, targets.length);
  if (error) throw error;
}

/** Refuses a change that would leave the account without an active account holder. */
export async function assertHolderRemains(tx: Tx, accountId: string, losing: Target[]): Promise<void> {
  const leaving = losing.filter((t) => t.role === "ACCOUNT_HOLDER" && t.status === "ACTIVE").length;
  if (leaving === 0) return;
  const holders = await tx.user.count({ where: { accountId, role: "ACCOUNT_HOLDER", status: "ACTIVE" } });
  if (holders - leaving < 1) throw new UserFacingError("errors.lastAccountHolder");
}

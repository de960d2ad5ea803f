import "server-only";
import { UserFacingError } from "@/lib/actions/errors";
import type { Tx } from "@/lib/db/client";
import type { AccountRole, UserStatus } from "@/lib/generated/prisma/enums";
import { ForbiddenError, roleRank } from "@/lib/permissions";

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

/** Nobody acts on users whose role is above their own; `self: false` also refuses the actor's own user. */
export function assertMayManage(actor: Actor, targets: Target[], options: { self: boolean }): void {
  if (!options.self && targets.some((t) => t.id === actor.id)) throw new UserFacingError("errors.notYourself");
  if (targets.some((t) => roleRank(t.role) > roleRank(actor.role))) throw new ForbiddenError("targetAboveYou");
}

/** Refuses a change that would leave the account without an active account holder. */
export async function assertHolderRemains(tx: Tx, accountId: string, losing: Target[]): Promise<void> {
  const leaving = losing.filter((t) => t.role === "ACCOUNT_HOLDER" && t.status === "ACTIVE").length;
  if (leaving === 0) return;
  const holders = await tx.user.count({ where: { accountId, role: "ACCOUNT_HOLDER", status: "ACTIVE" } });
  if (holders - leaving < 1) throw new UserFacingError("errors.lastAccountHolder");
}

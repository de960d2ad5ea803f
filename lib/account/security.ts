import "server-only";
import type { ActionContext } from "@/lib/actions/define-action";
import type { Db, Tx } from "@/lib/db/client";
import type { TwoStepPolicy } from "@/lib/generated/prisma/enums";
import { lockAccount } from "@/lib/users/rules";
import type { TwoStepPolicyInput } from "@/lib/validation/security";

/** How many roles each policy covers; a policy covers every role the smaller ones do (policyCovers). */
const REACH: Record<TwoStepPolicy, number> = { NOBODY: 0, ADMINS: 1, EVERYONE: 2 };

/** Settings › Security as stored. */
export async function accountSecurity(db: Db | Tx, accountId: string) {
  return db.account.findUniqueOrThrow({
    where: { id: accountId },
    select: { twoStepPolicy: true, twoStepGraceDays: true, twoStepPolicyAt: true },
  });
}

/**
 * When the grace period of a policy counts from (decision 0021): now when it covers roles the old
 * one didn't (NOBODY → ADMINS → EVERYONE), so newly covered users get the whole grace period; the
 * old moment when it covers the same roles or fewer, so a change of grace days or a narrowing
 * doesn't hand an overdue user a new period; none for NOBODY.
 */
export function policyStartsAt(before: { twoStepPolicy: TwoStepPolicy; twoStepPolicyAt: Date | null }, next: TwoStepPolicy, now: Date): Date | null {
  if (next === "NOBODY") return null;
  if (REACH[next] > REACH[before.twoStepPolicy] || !before.twoStepPolicyAt) return now;
  return before.twoStepPolicyAt;
}

/** Saves the account's two-step policy (the account row locked, so two saves apply one after the other), audited before → after. */
export async function saveTwoStepPolicy(ctx: Pick<ActionContext, "db" | "accountId" | "audit">, input: TwoStepPolicyInput) {
  await lockAccount(ctx.db, ctx.accountId);
  const before = await accountSecurity(ctx.db, ctx.accountId);
  const twoStepPolicyAt = policyStartsAt(before, input.policy, new Date());
  const after = await ctx.db.account.update({
    where: { id: ctx.accountId },
    data: { twoStepPolicy: input.policy, twoStepGraceDays: input.graceDays, twoStepPolicyAt },
    select: { twoStepPolicy: true, twoStepGraceDays: true, twoStepPolicyAt: true },
  });
  const view = (s: typeof before) => ({ policy: s.twoStepPolicy, graceDays: s.twoStepGraceDays, since: s.twoStepPolicyAt?.toISOString() ?? null });
  ctx.audit({ action: "security.twoStepPolicy", targetType: "account", targetId: ctx.accountId, before: view(before), after: view(after) });
  return { policy: after.twoStepPolicy, graceDays: after.twoStepGraceDays };
}

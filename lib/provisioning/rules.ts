import "server-only";
import type { z } from "zod";
import type { ActionContext } from "@/lib/actions/define-action";
import { NotFoundError, UserFacingError } from "@/lib/actions/errors";
import type { Db, Tx } from "@/lib/db/client";
import { addProducts, removeProducts } from "@/lib/licences/assign";
import type { provisioningRuleSchema } from "@/lib/validation/provisioning";

/** Rules an account may have: one per group and product at most, and few of either. */
export const MAX_RULES = 200;

/** The account's rules, by group name then product. */
export async function listProvisioningRules(db: Db | Tx, accountId: string) {
  const rules = await db.provisioningRule.findMany({
    where: { accountId },
    take: MAX_RULES,
    select: { id: true, group: { select: { id: true, name: true } }, subscription: { select: { product: { select: { code: true, name: true } } } } },
  });
  return rules
    .map((r) => ({ id: r.id, group: r.group, product: r.subscription.product }))
    .sort((a, b) => a.group.name.localeCompare(b.group.name) || a.product.name.localeCompare(b.product.name));
}

export async function createProvisioningRule(ctx: ActionContext, input: z.output<typeof provisioningRuleSchema>) {
  const group = await ctx.db.userGroup.findFirst({ where: { id: input.groupId, accountId: ctx.accountId }, select: { id: true, name: true } });
  const subscription = await ctx.db.subscription.findFirst({ where: { accountId: ctx.accountId, product: { code: input.product } }, select: { id: true } });
  if (!group || !subscription) throw new NotFoundError();
  if ((await ctx.db.provisioningRule.count({ where: { accountId: ctx.accountId } })) >= MAX_RULES) throw new UserFacingError("provisioning.tooMany", { max: MAX_RULES });
  const existing = await ctx.db.provisioningRule.findUnique({ where: { groupId_subscriptionId: { groupId: group.id, subscriptionId: subscription.id } }, select: { id: true } });
  if (existing) throw new UserFacingError("provisioning.exists", {}, "product");
  const rule = await ctx.db.provisioningRule.create({ data: { accountId: ctx.accountId, groupId: group.id, subscriptionId: subscription.id }, select: { id: true } });
  ctx.audit({ action: "provisioning.ruleCreate", targetType: "group", targetId: group.id, after: { product: input.product } });
  return { id: rule.id };
}

export async function deleteProvisioningRule(ctx: ActionContext, id: string) {
  const rule = await ctx.db.provisioningRule.findFirst({ where: { id, accountId: ctx.accountId }, select: { id: true, groupId: true, subscription: { select: { product: { select: { code: true } } } } } });
  if (!rule) throw new NotFoundError();
  await ctx.db.provisioningRule.delete({ where: { id: rule.id } });
  ctx.audit({ action: "provisioning.ruleDelete", targetType: "group", targetId: rule.groupId, before: { product: rule.subscription.product.code } });
  return { id };
}

/**
 * A group's rules applied to the members a SCIM request adds and removes: the rules' products
 * assigned (all within the seats, or the whole request is refused by the seat rule) and taken
 * away, through the users list's own licence changes.
 */
export async function applyProvisioningRules(ctx: ActionContext, groupId: string, joining: string[], leaving: string[]) {
  if (joining.length === 0 && leaving.length === 0) return;
  const rules = await ctx.db.provisioningRule.findMany({ where: { groupId, accountId: ctx.accountId }, select: { subscription: { select: { product: { select: { code: true } } } } } });
  for (const { subscription } of rules) {
    const productCode = subscription.product.code;
    if (joining.length > 0) await addProducts(ctx, { selection: { mode: "ids", ids: joining }, expectedCount: joining.length, productCode, notify: false });
    if (leaving.length > 0) await removeProducts(ctx, { selection: { mode: "ids", ids: leaving }, expectedCount: leaving.length, productCode, notify: false });
  }
}

"use server";

import { revalidatePath } from "next/cache";
import { accountAction } from "@/lib/actions/define-action";
import { createProvisioningRule, deleteProvisioningRule } from "@/lib/provisioning/rules";
import { provisioningRuleIdSchema, provisioningRuleSchema } from "@/lib/validation/provisioning";

export const createProvisioningRuleAction = accountAction({
  name: "provisioning.ruleCreate",
  permission: "licences.assign",
  input: provisioningRuleSchema,
  handler: async (input, ctx) => {
    const rule = await createProvisioningRule(ctx, input);
    revalidatePath("/settings/provisioning");
    return rule;
  },
});

export const deleteProvisioningRuleAction = accountAction({
  name: "provisioning.ruleDelete",
  permission: "licences.assign",
  input: provisioningRuleIdSchema,
  handler: async ({ id }, ctx) => {
    const deleted = await deleteProvisioningRule(ctx, id);
    revalidatePath("/settings/provisioning");
    return deleted;
  },
});

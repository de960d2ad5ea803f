import { z } from "zod";

export const provisioningRuleSchema = z.object({
  groupId: z.uuid({ error: "validation.required" }),
  product: z.string({ error: "validation.required" }).regex(/^[a-z0-9-]{1,40}$/, { error: "validation.required" }),
});

export const provisioningRuleIdSchema = z.object({ id: z.uuid({ error: "validation.invalid" }) });

"use server";

import { revalidatePath } from "next/cache";
import { accountAction } from "@/lib/actions/define-action";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/tokens";
import { createApiTokenSchema, revokeApiTokenSchema } from "@/lib/validation/api-tokens";

export const createApiTokenAction = accountAction({
  name: "apiToken.create",
  permission: "apiTokens.manage",
  input: createApiTokenSchema,
  handler: async (input, ctx) => {
    const created = await createApiToken(ctx, input);
    revalidatePath("/settings/api-tokens");
    return created;
  },
});

export const revokeApiTokenAction = accountAction({
  name: "apiToken.revoke",
  permission: "apiTokens.manage",
  input: revokeApiTokenSchema,
  handler: async ({ id }, ctx) => {
    const revoked = await revokeApiToken(ctx, id);
    revalidatePath("/settings/api-tokens");
    return revoked;
  },
});

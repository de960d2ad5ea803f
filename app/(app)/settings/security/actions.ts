"use server";

import { revalidatePath } from "next/cache";
import { saveTwoStepPolicy } from "@/lib/account/security";
import { accountAction } from "@/lib/actions/define-action";
import { twoStepPolicySchema } from "@/lib/validation/security";

export const saveTwoStepPolicyAction = accountAction({
  name: "security.twoStepPolicy",
  permission: "security.manage",
  input: twoStepPolicySchema,
  async handler(input, ctx) {
    const result = await saveTwoStepPolicy(ctx, input);
    revalidatePath("/", "layout"); // the banner and the gate of every page
    return result;
  },
});

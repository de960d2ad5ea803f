"use server";

import { revalidatePath } from "next/cache";
import { accountAction } from "@/lib/actions/define-action";
import { updateUserProfile } from "@/lib/users/detail";
import { userProfileSchema } from "@/lib/validation/users";

export const updateUserProfileAction = accountAction({
  name: "user.profile.update",
  permission: "users.manage",
  input: userProfileSchema,
  async handler(input, ctx) {
    const result = await updateUserProfile(ctx, input);
    revalidatePath("/people/users", "layout");
    return result;
  },
});

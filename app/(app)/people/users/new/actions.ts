"use server";

import { revalidatePath } from "next/cache";
import { accountAction } from "@/lib/actions/define-action";
import { addUsers } from "@/lib/users/add";
import { addUsersSchema } from "@/lib/validation/add-users";

export const addUsersAction = accountAction({
  name: "users.add",
  permission: "users.manage",
  input: addUsersSchema,
  handler: async (input, ctx) => {
    const summary = await addUsers(ctx, input);
    revalidatePath("/people/users");
    return summary;
  },
});

"use server";

import { revalidatePath } from "next/cache";
import { accountAction } from "@/lib/actions/define-action";
import { createGroup, deleteGroup, renameGroup } from "@/lib/groups/groups";
import { createGroupSchema, deleteGroupSchema, renameGroupSchema } from "@/lib/validation/groups";

export const createGroupAction = accountAction({
  name: "group.create",
  permission: "groups.manage",
  input: createGroupSchema,
  async handler({ name }, ctx) {
    const group = await createGroup(ctx.db, ctx.accountId, name);
    ctx.audit({ action: "group.create", targetType: "group", targetId: group.id, after: { name: group.name } });
    revalidatePath("/people/groups");
    return group;
  },
});

export const renameGroupAction = accountAction({
  name: "group.rename",
  permission: "groups.manage",
  input: renameGroupSchema,
  async handler({ id, name }, ctx) {
    const group = await renameGroup(ctx.db, ctx.accountId, id, name);
    ctx.audit({ action: "group.rename", targetType: "group", targetId: group.id, before: { name: group.previousName }, after: { name: group.name } });
    revalidatePath("/people/groups");
    return { id: group.id, name: group.name };
  },
});

export const deleteGroupAction = accountAction({
  name: "group.delete",
  permission: "groups.manage",
  input: deleteGroupSchema,
  async handler({ id }, ctx) {
    const group = await deleteGroup(ctx.db, ctx.accountId, id);
    // after stays empty: the group is gone; its members were kept, ungrouped.
    ctx.audit({ action: "group.delete", targetType: "group", targetId: group.id, before: { name: group.name, memberCount: group.memberCount } });
    revalidatePath("/people/groups");
    return { id: group.id };
  },
});

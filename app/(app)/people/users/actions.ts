"use server";

import { revalidatePath } from "next/cache";
import { accountAction } from "@/lib/actions/define-action";
import { bulkResendInvitations } from "@/lib/invitations/resend";
import { addProducts, removeProducts } from "@/lib/licences/assign";
import { bulkUpdateCapabilities } from "@/lib/licences/capabilities-bulk";
import { changeGroup, changeRole, deleteUsers, reactivateUsers, suspendUsers } from "@/lib/users/bulk";
import { bulkCapabilitiesSchema, bulkChangeGroupSchema, bulkChangeRoleSchema, bulkSelectionSchema, productChangeSchema } from "@/lib/validation/users";

const refresh = <T>(result: T) => {
  revalidatePath("/people/users", "layout");
  return result;
};

export const bulkChangeRoleAction = accountAction({
  name: "users.bulk.changeRole",
  permission: "users.manage",
  input: bulkChangeRoleSchema,
  handler: async ({ selection, expectedCount, role }, ctx) => refresh(await changeRole(ctx, selection, expectedCount, role)),
});

export const bulkChangeGroupAction = accountAction({
  name: "users.bulk.changeGroup",
  permission: "users.manage",
  input: bulkChangeGroupSchema,
  handler: async ({ selection, expectedCount, groupId }, ctx) =>
    refresh(await changeGroup(ctx, selection, expectedCount, groupId === "none" ? null : groupId)),
});

export const bulkSuspendAction = accountAction({
  name: "users.bulk.suspend",
  permission: "users.manage",
  input: bulkSelectionSchema,
  handler: async ({ selection, expectedCount }, ctx) => refresh(await suspendUsers(ctx, selection, expectedCount)),
});

export const bulkReactivateAction = accountAction({
  name: "users.bulk.reactivate",
  permission: "users.manage",
  input: bulkSelectionSchema,
  handler: async ({ selection, expectedCount }, ctx) => refresh(await reactivateUsers(ctx, selection, expectedCount)),
});

export const bulkDeleteAction = accountAction({
  name: "users.bulk.delete",
  permission: "users.manage",
  input: bulkSelectionSchema,
  handler: async ({ selection, expectedCount }, ctx) => refresh(await deleteUsers(ctx, selection, expectedCount)),
});

export const addProductsAction = accountAction({
  name: "licences.add",
  permission: "licences.assign",
  input: productChangeSchema,
  oneStatement: (input) => !input.notify,
  handler: async (input, ctx) => refresh(await addProducts(ctx, input)),
});

export const removeProductsAction = accountAction({
  name: "licences.remove",
  permission: "licences.assign",
  input: productChangeSchema,
  handler: async (input, ctx) => refresh(await removeProducts(ctx, input)),
});

export const bulkCapabilitiesAction = accountAction({
  name: "capabilities.bulkUpdate",
  permission: "licences.assign",
  input: bulkCapabilitiesSchema,
  handler: async (input, ctx) => refresh(await bulkUpdateCapabilities(ctx, input)),
});

export const bulkResendInvitationsAction = accountAction({
  name: "invitation.resend",
  permission: "invitations.resend",
  input: bulkSelectionSchema,
  handler: async ({ selection, expectedCount }, ctx) => refresh(await bulkResendInvitations(ctx, selection, expectedCount)),
});

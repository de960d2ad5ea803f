"use server";

import { revalidatePath } from "next/cache";
import { accountAction } from "@/lib/actions/define-action";
import { bulkResendInvitations } from "@/lib/invitations/resend";
import { addProducts, removeProducts } from "@/lib/licences/assign";
import { bulkUpdateCapabilities } from "@/lib/licences/capabilities-bulk";
import { changeGroup, changeRole, deleteUsers, reactivateUsers, suspendUsers, type Selection } from "@/lib/users/bulk";
import { cancelBulkJob, startBulkJob, type JobOperation, type JobParams } from "@/lib/users/bulk-job";
import { bulkCapabilitiesSchema, bulkChangeGroupSchema, bulkChangeRoleSchema, bulkJobSchema, bulkSelectionSchema, productChangeSchema } from "@/lib/validation/users";
import type { ActionContext } from "@/lib/actions/define-action";
import { CAPABILITIES } from "@/lib/validation/capabilities";

const refresh = <T>(result: T) => {
  revalidatePath("/people/users", "layout");
  return result;
};

type BulkInput = { selection: Selection; expectedCount: number; countAtLeast?: boolean };

/**
 * Ticked users change in this request; "all matching" users start a bulk job whose progress the
 * page shows (decision 0029). Either way the refusals come now, before anything changed.
 */
async function runOrStart<T>(ctx: ActionContext, input: BulkInput, operation: JobOperation, params: JobParams, now: () => Promise<T>) {
  const { selection, expectedCount, countAtLeast = false } = input;
  if (selection.mode === "ids") return refresh(await now());
  return refresh(await startBulkJob(ctx, operation, selection.filters, { count: expectedCount, atLeast: countAtLeast }, params));
}

export const bulkChangeRoleAction = accountAction({
  name: "users.bulk.changeRole",
  permission: "users.manage",
  input: bulkChangeRoleSchema,
  handler: async (input, ctx) => runOrStart(ctx, input, "changeRole", { role: input.role }, () => changeRole(ctx, input.selection, input.expectedCount, input.role)),
});

export const bulkChangeGroupAction = accountAction({
  name: "users.bulk.changeGroup",
  permission: "users.manage",
  input: bulkChangeGroupSchema,
  handler: async (input, ctx) => {
    const groupId = input.groupId === "none" ? null : input.groupId;
    return runOrStart(ctx, input, "changeGroup", { groupId }, () => changeGroup(ctx, input.selection, input.expectedCount, groupId));
  },
});

export const bulkSuspendAction = accountAction({
  name: "users.bulk.suspend",
  permission: "users.manage",
  input: bulkSelectionSchema,
  handler: async (input, ctx) => runOrStart(ctx, input, "suspend", {}, () => suspendUsers(ctx, input.selection, input.expectedCount)),
});

export const bulkReactivateAction = accountAction({
  name: "users.bulk.reactivate",
  permission: "users.manage",
  input: bulkSelectionSchema,
  handler: async (input, ctx) => runOrStart(ctx, input, "reactivate", {}, () => reactivateUsers(ctx, input.selection, input.expectedCount)),
});

export const bulkDeleteAction = accountAction({
  name: "users.bulk.delete",
  permission: "users.manage",
  input: bulkSelectionSchema,
  handler: async (input, ctx) => runOrStart(ctx, input, "delete", {}, () => deleteUsers(ctx, input.selection, input.expectedCount)),
});

/** Stops a bulk job of the caller's account after its current chunk; what it changed so far stays. */
export const cancelBulkJobAction = accountAction({
  name: "users.bulk.cancel",
  permission: "users.manage",
  input: bulkJobSchema,
  handler: async ({ jobId }, ctx) => refresh(await cancelBulkJob(ctx, jobId)),
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
  handler: async (input, ctx) => {
    const set = Object.fromEntries(CAPABILITIES.filter((k) => input[k] !== "keep").map((k) => [k, input[k] === "on"]));
    return runOrStart(ctx, input, "editCapabilities", set, () => bulkUpdateCapabilities(ctx, input));
  },
});

export const bulkResendInvitationsAction = accountAction({
  name: "invitation.resend",
  permission: "invitations.resend",
  input: bulkSelectionSchema,
  handler: async ({ selection, expectedCount }, ctx) => refresh(await bulkResendInvitations(ctx, selection, expectedCount)),
});

"use server";

import { revalidatePath } from "next/cache";
import { accountAction } from "@/lib/actions/define-action";
import { resendInvitation } from "@/lib/invitations/resend";
import { updateCapabilities } from "@/lib/licences/capabilities";
import { updateUserProfile } from "@/lib/users/detail";
import { resetTwoStep } from "@/lib/users/two-step-reset";
import { capabilitiesSchema } from "@/lib/validation/capabilities";
import { resendInvitationSchema } from "@/lib/validation/invitations";
import { resetTwoStepSchema } from "@/lib/validation/security";
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

export const updateCapabilitiesAction = accountAction({
  name: "capabilities.update",
  permission: "licences.assign",
  input: capabilitiesSchema,
  async handler(input, ctx) {
    const result = await updateCapabilities(ctx, input);
    revalidatePath("/people/users", "layout");
    revalidatePath("/profile");
    return result;
  },
});

export const resendInvitationAction = accountAction({
  name: "invitation.resend",
  permission: "invitations.resend",
  input: resendInvitationSchema,
  async handler({ userId }, ctx) {
    const result = await resendInvitation(ctx, userId);
    revalidatePath("/people/users", "layout");
    return result;
  },
});

// Named users.*, not twoStep.*: the two-step policy's gate lets a held-back user call only their own twoStep.* actions.
export const resetTwoStepAction = accountAction({
  name: "users.resetTwoStep",
  permission: "twoStep.reset",
  input: resetTwoStepSchema,
  async handler({ userId }, ctx) {
    const result = await resetTwoStep(ctx, userId);
    revalidatePath("/people/users", "layout");
    return result;
  },
});

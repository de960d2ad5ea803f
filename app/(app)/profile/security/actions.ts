"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { accountAction } from "@/lib/actions/define-action";
import { regenerateRecoveryCodes } from "@/lib/auth/recovery-codes";
import { confirmTotpEnrolment, removeTotp, startTotpEnrolment } from "@/lib/auth/totp-factor";
import { totpConfirmSchema, totpRemoveSchema } from "@/lib/validation/two-step";

// Profile › Security: the caller's own second factors. Named "twoStep.*" so that a user the
// account's policy sends to enrol may still call them. No secret in a result but the recovery
// codes, shown once where they are issued; the setup key is rendered by the page from the database.

const SECURITY_PATH = "/profile/security";

export const startTotpAction = accountAction({
  name: "twoStep.totpStart",
  permission: "profile.update",
  input: z.object({}),
  async handler(_input, ctx) {
    const result = await startTotpEnrolment(ctx);
    revalidatePath(SECURITY_PATH);
    return result;
  },
});

export const confirmTotpAction = accountAction({
  name: "twoStep.totpConfirm",
  permission: "profile.update",
  input: totpConfirmSchema,
  async handler({ code }, ctx) {
    const result = await confirmTotpEnrolment(ctx, code);
    revalidatePath(SECURITY_PATH);
    return result;
  },
});

export const removeTotpAction = accountAction({
  name: "twoStep.totpRemove",
  permission: "profile.update",
  input: totpRemoveSchema,
  async handler({ password }, ctx) {
    const result = await removeTotp(ctx, password);
    revalidatePath(SECURITY_PATH);
    return result;
  },
});

export const regenerateRecoveryCodesAction = accountAction({
  name: "twoStep.recoveryCodesRegenerate",
  permission: "profile.update",
  input: z.object({}),
  async handler(_input, ctx) {
    const result = await regenerateRecoveryCodes(ctx);
    revalidatePath(SECURITY_PATH);
    return result;
  },
});

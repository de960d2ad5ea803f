"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { accountAction, type ActionContext } from "@/lib/actions/define-action";
import { regenerateRecoveryCodes } from "@/lib/auth/recovery-codes";
import { confirmTotpEnrolment, removeTotp, startTotpEnrolment } from "@/lib/auth/totp-factor";
import { totpConfirmSchema, totpRemoveSchema } from "@/lib/validation/two-step";

// Profile › Security: the caller's own second factors. Named "twoStep.*" so that a user the
// account's policy sends to enrol may still call them. No secret in a result but the recovery
// codes, shown once where they are issued; the setup key is rendered by the page from the database.

const SECURITY_PATH = "/profile/security";

/** An action on the caller's own factors: every role may (profile.update); the tab re-renders after it. */
function securityAction<S extends z.ZodType, T>(name: string, input: S, run: (input: z.output<S>, ctx: ActionContext) => Promise<T>) {
  return accountAction({
    name,
    permission: "profile.update",
    input,
    async handler(parsed, ctx) {
      const result = await run(parsed, ctx);
      revalidatePath(SECURITY_PATH);
      return result;
    },
  });
}

export const startTotpAction = securityAction("twoStep.totpStart", z.object({}), (_input, ctx) => startTotpEnrolment(ctx));

export const confirmTotpAction = securityAction("twoStep.totpConfirm", totpConfirmSchema, ({ code }, ctx) => confirmTotpEnrolment(ctx, code));

export const removeTotpAction = securityAction("twoStep.totpRemove", totpRemoveSchema, ({ password }, ctx) => removeTotp(ctx, password));

export const regenerateRecoveryCodesAction = securityAction("twoStep.recoveryCodesRegenerate", z.object({}), (_input, ctx) => regenerateRecoveryCodes(ctx));

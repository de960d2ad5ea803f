"use server";

import { publicAction } from "@/lib/actions/define-action";
import { completeSecondStep } from "@/lib/auth/pending-sign-in";
import { redeemRecoveryCode } from "@/lib/auth/recovery-codes";
import { acceptTotpCode } from "@/lib/auth/totp-factor";
import { recoveryCodeSignInSchema, totpSignInSchema } from "@/lib/validation/two-step";

// The second step of a sign-in. Public: the caller has no session yet, only the pending state
// (a signed cookie) the password step set; completeSecondStep refuses without it.

export const verifyTotpSignInAction = publicAction({
  name: "twoStep.verify",
  input: totpSignInSchema,
  handler: ({ code }) => completeSecondStep("totp", (pending, db) => acceptTotpCode(db, pending.userId, code)),
});

export const verifyRecoveryCodeSignInAction = publicAction({
  name: "twoStep.verifyRecoveryCode",
  input: recoveryCodeSignInSchema,
  handler: ({ code }) => completeSecondStep("recoveryCode", (pending, db) => redeemRecoveryCode(db, pending.userId, code)),
});

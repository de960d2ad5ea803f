"use server";

import { publicAction } from "@/lib/actions/define-action";
import { UserFacingError } from "@/lib/actions/errors";
import { passkeySignInOptions, verifyPasskeySignIn } from "@/lib/auth/passkeys";
import { completeSecondStep, readPendingSignIn } from "@/lib/auth/pending-sign-in";
import { getDb } from "@/lib/db/client";
import { passkeySignInSchema } from "@/lib/validation/passkeys";
import { z } from "zod";

// The second step of sign-in with a passkey. Public (no session yet): the pending sign-in, signed
// and short-lived, says whose passkeys count; nothing from the browser names the user.

export const passkeyOptionsForSignInAction = publicAction({
  name: "twoStep.passkeyOptionsForSignIn",
  input: z.object({}),
  async handler() {
    const pending = await readPendingSignIn();
    if (!pending) throw new UserFacingError("errors.signInExpired");
    return { options: await passkeySignInOptions(getDb(), pending.userId) };
  },
});

/** Verified: completeSecondStep signs the user in and redirects; refused: its error message. */
export const passkeyVerifyAction = publicAction({
  name: "twoStep.passkeyVerify",
  input: passkeySignInSchema,
  handler: ({ response }) => completeSecondStep("passkey", (pending, db) => verifyPasskeySignIn(db, pending.userId, response)),
});

"use server";

import { redirect } from "next/navigation";
import { publicAction } from "@/lib/actions/define-action";
import { getDb } from "@/lib/db/client";
import { resetPassword } from "@/lib/password-reset/reset";
import { resetPasswordSchema } from "@/lib/validation/password-reset";

// The token, sent only to the user's address, is the credential. Setting the password ends every
// session of theirs and does not sign in: they sign in with it, second step included.
export const resetPasswordAction = publicAction({
  name: "auth.passwordReset",
  input: resetPasswordSchema,
  async handler({ token, password }) {
    await resetPassword(getDb(), { token, password });
    redirect("/sign-in?notice=passwordChanged");
  },
});

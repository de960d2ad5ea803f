"use server";

import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { publicAction } from "@/lib/actions/define-action";
import { signIn } from "@/lib/auth/config";
import { grantSignIn } from "@/lib/auth/sign-in-grants";
import { getDb } from "@/lib/db/client";
import { completeSetup } from "@/lib/setup/complete-setup";
import { dataDir } from "@/lib/setup/data-dir";
import { removeSetupTokenFile } from "@/lib/setup/first-run";
import { setupSchema } from "@/lib/validation/setup";

// Public: nobody can have a session before the first account exists. The setup link's token,
// printed only to the operator's terminal and DATA_DIR/setup-token, is the credential.
export const completeSetupAction = publicAction({
  name: "setup.complete",
  input: setupSchema,
  async handler(answer) {
    const holder = await completeSetup(getDb(), answer);
    removeSetupTokenFile(dataDir());
    // The password was checked and set just now; Auth.js only issues the session cookie for the grant.
    try {
      await signIn("credentials", { grant: grantSignIn(holder), redirect: false });
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      redirect("/sign-in"); // the account exists: signing in by hand is all that's left
    }
    redirect("/");
  },
});

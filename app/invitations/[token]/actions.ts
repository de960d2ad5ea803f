"use server";

import { redirect } from "next/navigation";
import { publicAction } from "@/lib/actions/define-action";
import { signIn } from "@/lib/auth/config";
import { getDb } from "@/lib/db/client";
import { acceptTransfer, acceptWelcome, declineTransfer } from "@/lib/invitations/respond";
import { acceptTransferSchema, acceptWelcomeSchema, declineInvitationSchema } from "@/lib/validation/invitations";

// The invitee has no session yet: these are public, and the token is their only credential. After
// accepting they are signed in with the password they just gave (Auth.js sets the cookie).

export const acceptWelcomeInvitationAction = publicAction({
  name: "invitation.accept",
  input: acceptWelcomeSchema,
  async handler({ token, firstName, lastName, password }) {
    const { email } = await acceptWelcome(getDb(), { token, firstName, lastName, password });
    await signIn("credentials", { email, password, redirect: false });
    redirect("/");
  },
});

export const acceptTransferInvitationAction = publicAction({
  name: "invitation.acceptTransfer",
  input: acceptTransferSchema,
  async handler(input) {
    const { email, password } = await acceptTransfer(getDb(), input);
    await signIn("credentials", { email, password, redirect: false });
    redirect("/");
  },
});

export const declineInvitationAction = publicAction({
  name: "invitation.decline",
  input: declineInvitationSchema,
  async handler({ token }) {
    await declineTransfer(getDb(), token);
    redirect(`/invitations/${token}`); // the page now says it was declined and nothing changed
  },
});

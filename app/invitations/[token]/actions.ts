"use server";

import { redirect } from "next/navigation";
import { accountAction, publicAction } from "@/lib/actions/define-action";
import { signIn } from "@/lib/auth/config";
import { getDb } from "@/lib/db/client";
import { acceptTransfer, acceptWelcome, declineTransfer, welcomeInviteeLocale } from "@/lib/invitations/respond";
import { acceptWelcomeSchema, answerTransferSchema } from "@/lib/validation/invitations";

// A welcome invitation is for someone with no password yet: public, the token (sent only to them)
// is their credential, and accepting signs them in with the password they just chose.
export const acceptWelcomeInvitationAction = publicAction({
  name: "invitation.accept",
  input: acceptWelcomeSchema,
  // Its messages speak the invitee's language, as the page does (unless the visitor picked one).
  storedLocale: ({ token }) => (typeof token === "string" ? welcomeInviteeLocale(getDb(), token) : Promise.resolve(null)),
  async handler({ token, firstName, lastName, password }) {
    const { email } = await acceptWelcome(getDb(), { token, firstName, lastName, password });
    await signIn("credentials", { email, password, redirect: false });
    redirect("/");
  },
});

// A transfer moves an existing user: only that user, signed in as themselves, may answer it — the
// link alone never does, and no password is ever typed into the invitation page (decision 0009).
export const acceptTransferInvitationAction = accountAction({
  name: "invitation.acceptTransfer",
  permission: "invitations.respond",
  input: answerTransferSchema,
  handler: ({ token }, ctx) => acceptTransfer(ctx, token),
  redirectTo: () => "/",
});

export const declineInvitationAction = accountAction({
  name: "invitation.decline",
  permission: "invitations.respond",
  input: answerTransferSchema,
  handler: ({ token }, ctx) => declineTransfer(ctx, token),
  redirectTo: ({ token }) => `/invitations/${token}`, // the page now says it was declined and nothing changed
});

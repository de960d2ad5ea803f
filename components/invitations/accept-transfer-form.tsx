"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormError } from "../form-fields";
import { SubmitButton } from "../submit-button";
import type { InvitationFormAction } from "./types";
import { firstError } from "@/lib/actions/result";

/**
 * "Accept and move", for the invitee signed in as themselves: their session is the proof, so the
 * form asks for nothing (no password is ever typed into an invitation page).
 */
export function AcceptTransferForm({ action, token }: { action: InvitationFormAction; token: string }) {
  const t = useTranslations("invitations");
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form action={formAction} className="space-y-4">
      <FormError message={firstError(state)} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton className="w-full">{t("transfer.submit")}</SubmitButton>
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormError, TextField } from "../form-fields";
import { SubmitButton } from "../submit-button";
import { NewPasswordFields } from "./accept-welcome-form";
import type { InvitationFormAction } from "./types";
import { failureOf } from "@/lib/actions/result";

/** "Accept and move": the current password proves it is them; without one yet, they choose one. */
export function AcceptTransferForm({ action, token, email, hasPassword, currentAccount }: {
  action: InvitationFormAction;
  token: string;
  email: string;
  hasPassword: boolean;
  currentAccount: string;
}) {
  const t = useTranslations("invitations");
  const [state, formAction] = useActionState(action, undefined);
  const errors = failureOf(state);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormError message={errors?.formError} />
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="email" value={email} autoComplete="username" />
      {hasPassword ? (
        <TextField name="currentPassword" type="password" label={t("transfer.currentPassword")} hint={t("transfer.currentPasswordHint", { account: currentAccount })}
          required autoComplete="current-password" errors={errors?.fieldErrors?.currentPassword} />
      ) : (
        <NewPasswordFields errors={errors?.fieldErrors} />
      )}
      <SubmitButton className="w-full">{t("transfer.submit")}</SubmitButton>
    </form>
  );
}

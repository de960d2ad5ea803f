"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { FormError, TextField } from "../form-fields";
import { SubmitButton } from "../submit-button";
import type { InvitationFormAction } from "./types";
import { failureOf } from "@/lib/actions/result";

/** The invitee confirms their names and chooses a password; accepting signs them in. */
export function AcceptWelcomeForm({ action, token, user }: {
  action: InvitationFormAction;
  token: string;
  user: { email: string; firstName: string; lastName: string };
}) {
  const t = useTranslations("invitations");
  const [state, formAction] = useActionState(action, undefined);
  // Controlled, so a refused submission doesn't clear what was typed (passwords are retyped).
  const [names, setNames] = useState({ firstName: user.firstName, lastName: user.lastName });
  const errors = failureOf(state);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormError message={errors?.formError} />
      <input type="hidden" name="token" value={token} />
      <TextField name="email" label={t("email")} value={user.email} readOnly autoComplete="username" />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="firstName" label={t("welcome.firstName")} value={names.firstName} required maxLength={50} autoComplete="given-name"
          onChange={(e) => setNames({ ...names, firstName: e.target.value })} errors={errors?.fieldErrors?.firstName} />
        <TextField name="lastName" label={t("welcome.lastName")} value={names.lastName} maxLength={50} autoComplete="family-name"
          onChange={(e) => setNames({ ...names, lastName: e.target.value })} errors={errors?.fieldErrors?.lastName} />
      </div>
      <NewPasswordFields errors={errors?.fieldErrors} />
      <SubmitButton className="w-full">{t("welcome.submit")}</SubmitButton>
    </form>
  );
}

/** A new password and its confirmation, with the length rule announced as the field's hint. */
export function NewPasswordFields({ errors }: { errors?: Record<string, string[]> }) {
  const t = useTranslations("invitations");
  return (
    <>
      <TextField name="password" type="password" label={t("password")} hint={t("passwordHint")} required autoComplete="new-password" errors={errors?.password} />
      <TextField name="confirmPassword" type="password" label={t("confirmPassword")} required autoComplete="new-password" errors={errors?.confirmPassword} />
    </>
  );
}

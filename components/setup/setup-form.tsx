"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { FormError, TextField } from "../form-fields";
import { NewPasswordFields } from "../invitations/accept-welcome-form";
import type { InvitationFormAction } from "../invitations/types";
import { SubmitButton } from "../submit-button";
import { failureOf } from "@/lib/actions/result";

const EMPTY = { accountName: "", firstName: "", lastName: "", email: "" };

/** The first account and its holder; creating it signs the holder in. */
export function SetupForm({ action, token }: { action: InvitationFormAction; token: string }) {
  const t = useTranslations("setup");
  const [state, formAction] = useActionState(action, undefined);
  // Controlled, so a refused submission keeps what was typed (passwords are typed again).
  const [values, setValues] = useState(EMPTY);
  const errors = failureOf(state);
  const field = (name: keyof typeof EMPTY) => ({
    name,
    value: values[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, [name]: e.target.value }),
    errors: errors?.fieldErrors?.[name],
  });
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormError message={errors?.formError ?? errors?.fieldErrors?.token?.[0]} />
      <input type="hidden" name="token" value={token} />
      <TextField label={t("accountName")} required maxLength={100} autoComplete="organization" {...field("accountName")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t("firstName")} required maxLength={50} autoComplete="given-name" {...field("firstName")} />
        <TextField label={t("lastName")} maxLength={50} autoComplete="family-name" {...field("lastName")} />
      </div>
      <TextField label={t("email")} type="email" required maxLength={254} autoComplete="username" {...field("email")} />
      <NewPasswordFields errors={errors?.fieldErrors} />
      <SubmitButton className="w-full">{t("submit")}</SubmitButton>
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormError, TextField } from "@/components/form-fields";
import { SubmitButton } from "@/components/submit-button";
import { requestPasswordResetAction } from "@/app/forgot-password/actions";
import { failureOf } from "@/lib/actions/result";

/** "Reset your password": an address, then always the same answer, whoever it belongs to. */
export function ForgotPasswordForm({ minutes }: { minutes: number }) {
  const t = useTranslations("passwordReset");
  const [state, formAction] = useActionState(requestPasswordResetAction, undefined);
  const failed = failureOf(state);
  if (state?.ok) {
    return <p role="status" className="rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900">{t("sent", { minutes })}</p>;
  }
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormError message={failed?.formError} />
      <TextField name="email" type="email" label={t("email")} autoComplete="username" required maxLength={254} errors={failed?.fieldErrors?.email} />
      <SubmitButton className="w-full">{t("submit")}</SubmitButton>
    </form>
  );
}

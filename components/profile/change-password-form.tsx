"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormError, TextField } from "@/components/form-fields";
import { SubmitButton } from "@/components/submit-button";
import { changeMyPasswordAction } from "@/app/(app)/actions";
import { PASSWORD_MIN_LENGTH } from "@/lib/validation/password-length";
import { failureOf } from "@/lib/actions/result";

/** Profile › Change password. On success the server ends every session and sends the user to sign in again. */
export function ChangePasswordForm() {
  const t = useTranslations("profile.password");
  const [state, formAction] = useActionState(changeMyPasswordAction, undefined);
  const failed = failureOf(state);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormError message={failed?.formError} />
      <TextField name="currentPassword" type="password" label={t("current")} autoComplete="current-password" required errors={failed?.fieldErrors?.currentPassword} />
      <TextField name="password" type="password" label={t("new")} hint={t("newHint", { min: PASSWORD_MIN_LENGTH })} autoComplete="new-password" required errors={failed?.fieldErrors?.password} />
      <TextField name="confirmPassword" type="password" label={t("confirm")} autoComplete="new-password" required errors={failed?.fieldErrors?.confirmPassword} />
      <p className="text-sm text-slate-600">{t("endsSessions")}</p>
      <SubmitButton>{t("submit")}</SubmitButton>
    </form>
  );
}

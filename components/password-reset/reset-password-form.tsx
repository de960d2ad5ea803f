"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormError, TextField } from "@/components/form-fields";
import { SubmitButton } from "@/components/submit-button";
import { resetPasswordAction } from "@/app/reset-password/[token]/actions";
import { failureOf } from "@/lib/actions/result";
import { PASSWORD_MIN_LENGTH } from "@/lib/validation/password-length";

/** A new password, twice. On success the server sends the user to sign in with it. */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("passwordReset");
  const [state, formAction] = useActionState(resetPasswordAction, undefined);
  const failed = failureOf(state);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormError message={failed?.formError ?? failed?.fieldErrors?.token?.join(" ")} />
      <input type="hidden" name="token" value={token} />
      <TextField name="password" type="password" label={t("new")} hint={t("newHint", { min: PASSWORD_MIN_LENGTH })} autoComplete="new-password" required errors={failed?.fieldErrors?.password} />
      <TextField name="confirmPassword" type="password" label={t("confirm")} autoComplete="new-password" required errors={failed?.fieldErrors?.confirmPassword} />
      <p className="text-sm text-slate-600">{t("endsSessions")}</p>
      <SubmitButton className="w-full">{t("submitNew")}</SubmitButton>
    </form>
  );
}

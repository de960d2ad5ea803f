"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormError, TextField } from "@/components/form-fields";
import { SubmitButton } from "@/components/submit-button";
import { failureOf } from "@/lib/actions/result";
import { verifyRecoveryCodeSignInAction, verifyTotpSignInAction } from "./actions";

/** The code from the authenticator app. */
export function TotpStepForm() {
  const t = useTranslations("signIn.verify");
  const [state, formAction] = useActionState(verifyTotpSignInAction, undefined);
  const failed = failureOf(state);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormError message={failed?.formError} />
      <TextField name="code" label={t("code")} inputMode="numeric" autoComplete="one-time-code" autoFocus required errors={failed?.fieldErrors?.code} />
      <SubmitButton className="w-full">{t("submit")}</SubmitButton>
    </form>
  );
}

/** One of the user's recovery codes. */
export function RecoveryCodeStepForm() {
  const t = useTranslations("signIn.verify");
  const [state, formAction] = useActionState(verifyRecoveryCodeSignInAction, undefined);
  const failed = failureOf(state);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormError message={failed?.formError} />
      <TextField name="code" label={t("recoveryCode")} autoComplete="off" autoCapitalize="none" spellCheck={false} autoFocus required errors={failed?.fieldErrors?.code} />
      <SubmitButton className="w-full">{t("submit")}</SubmitButton>
    </form>
  );
}

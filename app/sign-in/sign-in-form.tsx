"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormError, TextField } from "@/components/form-fields";
import { SubmitButton } from "@/components/submit-button";
import { signInAction } from "./actions";
import { failureOf } from "@/lib/actions/result";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("signIn");
  const [state, formAction] = useActionState(signInAction, undefined);
  const errors = failureOf(state);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormError message={errors?.formError} />
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      {/* React resets a form after its action, to these defaults: a refusal's email stays. */}
      <TextField name="email" type="email" label={t("email")} autoComplete="username" required
        defaultValue={errors?.values?.email} errors={errors?.fieldErrors?.email} />
      <TextField name="password" type="password" label={t("password")} autoComplete="current-password" required errors={errors?.fieldErrors?.password} />
      <SubmitButton className="w-full">{t("submit")}</SubmitButton>
    </form>
  );
}

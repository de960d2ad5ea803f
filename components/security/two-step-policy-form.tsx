"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { failureOf, type ActionResult } from "@/lib/actions/result";
import { FormError, TextField } from "../form-fields";
import { SubmitButton } from "../submit-button";

type PolicyAction = (previous: unknown, input: FormData) => Promise<ActionResult<{ policy: string; graceDays: number }>>;

const POLICIES = ["NOBODY", "ADMINS", "EVERYONE"] as const;

/** Settings › Security: whom the account requires two-step verification of. Works without JavaScript. */
export function TwoStepPolicyForm({ action, policy, graceDays }: { action: PolicyAction; policy: string; graceDays: number }) {
  const t = useTranslations("securitySettings");
  const [state, formAction] = useActionState(action, undefined);
  // Controlled: React resets a form after its action, which would drop a refused choice.
  const [chosen, setChosen] = useState(policy);
  const [days, setDays] = useState(String(graceDays));
  const errors = failureOf(state)?.fieldErrors;
  const policyError = errors?.policy?.join(" ");
  return (
    <form action={formAction} className="max-w-2xl space-y-4">
      <FormError message={failureOf(state)?.formError} />
      {state?.ok && <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">{t("saved")}</p>}
      <fieldset aria-describedby={policyError ? "two-step-policy-error" : undefined} className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">{t("requireFor")}</legend>
        {POLICIES.map((value) => (
          <label key={value} className="flex items-center gap-2 text-sm">
            <input type="radio" name="policy" value={value} checked={value === chosen} onChange={() => setChosen(value)} className="h-4 w-4" />
            {t(`policy.${value}`)}
          </label>
        ))}
        {policyError && <p id="two-step-policy-error" className="text-sm text-red-700">{policyError}</p>}
      </fieldset>
      <TextField name="graceDays" label={t("graceDays")} hint={t("graceHint")} value={days} onChange={(event) => setDays(event.target.value)}
        inputMode="numeric" required maxLength={2} className="max-w-xs" errors={errors?.graceDays} />
      <SubmitButton>{t("save")}</SubmitButton>
    </form>
  );
}

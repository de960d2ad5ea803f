"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/form-fields";
import { RecoveryCodesShown } from "@/components/profile/recovery-codes-shown";
import { SubmitButton } from "@/components/submit-button";
import { regenerateRecoveryCodesAction } from "@/app/(app)/profile/security/actions";
import { firstError } from "@/lib/actions/result";

/** Profile › Security › Recovery codes: how many are left, and Regenerate (the new set shown once). */
export function RecoveryCodesPanel({ left, available }: { left: number; available: boolean }) {
  const t = useTranslations("profile.security.recovery");
  const [state, regenerate] = useActionState(regenerateRecoveryCodesAction, undefined);
  return (
    <div className="space-y-3">
      {available ? <p className="text-sm font-medium">{t("left", { count: left })}</p> : <p className="text-sm text-slate-700">{t("none")}</p>}
      {state?.ok && <RecoveryCodesShown codes={state.data.recoveryCodes} />}
      {available && (
        <form action={regenerate} className="space-y-2">
          <FormError message={firstError(state)} />
          <p className="text-sm text-slate-600">{t("regenerateHint")}</p>
          <SubmitButton>{t("regenerate")}</SubmitButton>
        </form>
      )}
    </div>
  );
}

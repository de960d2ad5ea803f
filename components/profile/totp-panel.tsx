"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormError, TextField } from "@/components/form-fields";
import { RecoveryCodesShown } from "@/components/profile/recovery-codes-shown";
import { SubmitButton } from "@/components/submit-button";
import { confirmTotpAction, removeTotpAction, startTotpAction } from "@/app/(app)/profile/security/actions";
import { failureOf, firstError } from "@/lib/actions/result";

export interface TotpSetupView {
  /** A data: URL of the QR code's SVG, rendered on the server. */
  qrCode: string;
  setupKey: string;
}

/**
 * Profile › Security › Authenticator app. One component for every state (off, setting up, on), so
 * the answer of "Verify" — the recovery codes, shown once — survives the page's refresh.
 */
export function TotpPanel({ enabledOn, setup }: { enabledOn: string | null; setup: TotpSetupView | null }) {
  const t = useTranslations("profile.security.totp");
  const [started, start] = useActionState(startTotpAction, undefined);
  const [confirmed, confirm] = useActionState(confirmTotpAction, undefined);
  const [removed, remove] = useActionState(removeTotpAction, undefined);
  const confirmFailed = failureOf(confirmed);
  const removeFailed = failureOf(removed);
  const justConfirmed = confirmed?.ok && !setup;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">{enabledOn ? t("enabled", { date: enabledOn }) : t("notSetUp")}</p>
      {justConfirmed && (
        <div className="space-y-3">
          <p role="status" className="rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900">{t("confirmed")}</p>
          {confirmed.data.recoveryCodes && <RecoveryCodesShown codes={confirmed.data.recoveryCodes} />}
        </div>
      )}
      {removed?.ok && !enabledOn && <p role="status" className="rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900">{t("removed")}</p>}

      {setup ? (
        <div className="space-y-4 rounded-md border border-slate-200 p-4">
          <p className="text-sm text-slate-700">{t("scan")}</p>
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server */}
          <img src={setup.qrCode} alt={t("qrLabel")} width={192} height={192} className="h-48 w-48 bg-white" />
          <TextField name="setupKey" label={t("setupKey")} value={setup.setupKey} readOnly dir="ltr" className="font-mono" />
          <form action={confirm} className="space-y-4" noValidate>
            <FormError message={confirmFailed?.formError} />
            <TextField
              name="code" label={t("code")} hint={t("codeHint")} inputMode="numeric" autoComplete="one-time-code" required
              errors={confirmFailed?.fieldErrors?.code}
            />
            <SubmitButton>{t("verify")}</SubmitButton>
          </form>
        </div>
      ) : (
        <form action={start} className="space-y-2">
          <FormError message={firstError(started)} />
          <SubmitButton>{enabledOn ? t("setUpAgain") : t("setUp")}</SubmitButton>
        </form>
      )}

      {enabledOn && (
        <form action={remove} className="space-y-3 border-t border-slate-200 pt-4" noValidate>
          <FormError message={removeFailed?.formError} />
          <p className="text-sm text-slate-600">{t("removeHint")}</p>
          <TextField name="password" type="password" label={t("password")} autoComplete="current-password" required errors={removeFailed?.fieldErrors?.password} />
          <button type="submit" className="rounded-md border border-red-700 bg-white px-4 py-2 text-sm font-semibold text-red-800 hover:bg-red-50">{t("remove")}</button>
        </form>
      )}
    </div>
  );
}

"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { FormError, TextField } from "@/components/form-fields";
import { button } from "@/components/button-styles";
import { SubmitButton } from "@/components/submit-button";
import { continueWithSsoAction, signInAction, ssoLookupAction } from "./actions";
import { failureOf } from "@/lib/actions/result";

type SsoRoute = { sso: boolean; required: boolean };

/**
 * Email and password, or — for an address whose domain the account verified for single sign-on —
 * Continue with single sign-on instead of the password (asked once the email is typed). The
 * password stays one click away ("Use a password instead"): the account holder's break-glass way
 * in. Without JavaScript both buttons are there; the server routes either way.
 */
export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("signIn");
  const [state, formAction] = useActionState(signInAction, undefined);
  const [ssoState, ssoFormAction] = useActionState(continueWithSsoAction, undefined);
  const errors = failureOf(state);
  const ssoErrors = failureOf(ssoState);
  // The email field stays uncontrolled (as typed, even before hydration); this mirrors it for the lookup.
  const [email, setEmail] = useState("");
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const typed = form.current?.elements.namedItem("email");
    if (typed instanceof HTMLInputElement) setEmail(typed.value);
  }, []);
  const [route, setRoute] = useState<SsoRoute>({ sso: false, required: false });
  const [usePassword, setUsePassword] = useState(false);
  const asked = useRef("");

  // Asked 400 ms after the last key (and at once on leaving the field), only for a whole address.
  useEffect(() => {
    const address = email.trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) {
      setRoute({ sso: false, required: false });
      return;
    }
    const timer = setTimeout(async () => {
      if (asked.current === address) return;
      asked.current = address;
      const answer = await ssoLookupAction(undefined, { email: address });
      if (asked.current === address && answer.ok) setRoute(answer.data);
    }, 400);
    return () => clearTimeout(timer);
  }, [email]);

  const ssoFirst = route.sso && !usePassword;
  const emailErrors = errors?.fieldErrors?.email ?? ssoErrors?.fieldErrors?.email;
  return (
    <form ref={form} action={formAction} className="space-y-4" noValidate>
      <FormError message={errors?.formError ?? ssoErrors?.formError} />
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <TextField name="email" type="email" label={t("email")} autoComplete="username" required
        defaultValue={errors?.values?.email ?? ssoErrors?.values?.email} onChange={(event) => setEmail(event.target.value)} errors={emailErrors} />
      {ssoFirst ? (
        <div className="space-y-3">
          <p role="status" className="text-sm text-slate-700">{route.required ? t("ssoRequired") : t("ssoAvailable")}</p>
          <button type="submit" formAction={ssoFormAction} className={`${button.primary} w-full`}>{t("continueWithSso")}</button>
          <button type="button" onClick={() => setUsePassword(true)} className="text-sm text-brand-700 underline">
            {route.required ? t("holderPassword") : t("usePassword")}
          </button>
        </div>
      ) : (
        <>
          <TextField name="password" type="password" label={t("password")} autoComplete="current-password" required errors={errors?.fieldErrors?.password} />
          <SubmitButton className="w-full">{t("submit")}</SubmitButton>
          <div className="flex items-center gap-3 text-xs text-slate-600" aria-hidden="true">
            <span className="h-px flex-1 bg-slate-300" />{t("or")}<span className="h-px flex-1 bg-slate-300" />
          </div>
          <button type="submit" formAction={ssoFormAction} formNoValidate className={`${button.secondary} w-full`}>{t("continueWithSso")}</button>
        </>
      )}
    </form>
  );
}

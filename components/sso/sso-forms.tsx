"use client";

import { useActionState, useId, useState } from "react";
import { useTranslations } from "next-intl";
import { failureOf, firstError, type ActionResult } from "@/lib/actions/result";
import { SSO_CLIENT_ID_MAX_LENGTH, SSO_SCOPES_MAX_LENGTH, SSO_URL_MAX_LENGTH, DOMAIN_MAX_LENGTH } from "@/lib/validation/sso";
import { FormError, TextField } from "../form-fields";
import { SubmitButton } from "../submit-button";
import { button } from "../button-styles";

type FormAction<T> = (previous: unknown, input: FormData) => Promise<ActionResult<T>>;

function Saved({ shown, children }: { shown: boolean; children: React.ReactNode }) {
  if (!shown) return null;
  return <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">{children}</p>;
}

/** OpenID Connect: issuer (discovery), client id, client secret (kept sealed; empty keeps it), scopes. Works without JavaScript. */
export function OidcConnectionForm({ action, current }: {
  action: FormAction<unknown>;
  current: { issuer: string; clientId: string; scopes: string; hasSecret: boolean };
}) {
  const t = useTranslations("ssoSettings");
  const [state, formAction] = useActionState(action, undefined);
  const failure = failureOf(state);
  const errors = failure?.fieldErrors;
  // Controlled: a refused save shows the values as typed (never the secret).
  const [values, setValues] = useState({ issuer: current.issuer, clientId: current.clientId, scopes: current.scopes });
  const bind = (name: keyof typeof values) => ({ name, value: values[name], onChange: (e: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, [name]: e.target.value }) });
  return (
    <form action={formAction} className="max-w-2xl space-y-4">
      <FormError message={failure?.formError} />
      <Saved shown={state?.ok === true}>{t("connectionSaved")}</Saved>
      <TextField label={t("issuer")} hint={t("issuerHint")} type="url" required maxLength={SSO_URL_MAX_LENGTH} autoComplete="off" {...bind("issuer")} errors={errors?.issuer} />
      <TextField label={t("clientId")} required maxLength={SSO_CLIENT_ID_MAX_LENGTH} autoComplete="off" {...bind("clientId")} errors={errors?.clientId} />
      <TextField name="clientSecret" type="password" label={t("clientSecret")} autoComplete="new-password"
        hint={current.hasSecret ? t("clientSecretKept") : t("clientSecretHint")} errors={errors?.clientSecret} />
      <TextField label={t("scopes")} hint={t("scopesHint")} maxLength={SSO_SCOPES_MAX_LENGTH} autoComplete="off" {...bind("scopes")} errors={errors?.scopes} />
      <SubmitButton>{t("saveConnection")}</SubmitButton>
    </form>
  );
}

/** SAML 2.0: the identity provider's metadata XML, pasted. */
export function SamlConnectionForm({ action }: { action: FormAction<unknown> }) {
  const t = useTranslations("ssoSettings");
  const [state, formAction] = useActionState(action, undefined);
  const failure = failureOf(state);
  const error = failure?.fieldErrors?.metadata?.join(" ");
  const id = useId();
  return (
    <form action={formAction} className="max-w-2xl space-y-4">
      <FormError message={failure?.formError} />
      <Saved shown={state?.ok === true}>{t("connectionSaved")}</Saved>
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">{t("metadata")}</label>
        <textarea id={id} name="metadata" rows={8} spellCheck={false} required
          aria-invalid={error ? true : undefined} aria-describedby={[`${id}-hint`, error ? `${id}-error` : ""].filter(Boolean).join(" ")}
          className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-xs aria-[invalid=true]:border-red-600" />
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">{t("metadataHint")}</p>
        {error && <p id={`${id}-error`} className="mt-1 text-sm text-red-700">{error}</p>}
      </div>
      <SubmitButton>{t("saveConnection")}</SubmitButton>
    </form>
  );
}

/** Optional or required, and just-in-time users. */
export function SsoPolicyForm({ action, policy, jitEnabled }: { action: FormAction<unknown>; policy: string; jitEnabled: boolean }) {
  const t = useTranslations("ssoSettings");
  const [state, formAction] = useActionState(action, undefined);
  const [chosen, setChosen] = useState(policy);
  const [jit, setJit] = useState(jitEnabled);
  return (
    <form action={formAction} className="max-w-2xl space-y-4">
      <FormError message={firstError(state)} />
      <Saved shown={state?.ok === true}>{t("policySaved")}</Saved>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">{t("policyLegend")}</legend>
        {(["OPTIONAL", "REQUIRED"] as const).map((value) => (
          <label key={value} className="flex items-start gap-2 text-sm">
            <input type="radio" name="policy" value={value} checked={chosen === value} onChange={() => setChosen(value)} className="mt-0.5 h-4 w-4" />
            <span>
              {t(`policy.${value}`)}
              <span className="block text-xs text-slate-600">{t(`policyHint.${value}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="jitEnabled" checked={jit} onChange={(e) => setJit(e.target.checked)} className="mt-0.5 h-4 w-4" />
        <span>
          {t("jit")}
          <span className="block text-xs text-slate-600">{t("jitHint")}</span>
        </span>
      </label>
      <SubmitButton>{t("savePolicy")}</SubmitButton>
    </form>
  );
}

export function AddDomainForm({ action }: { action: FormAction<unknown> }) {
  const t = useTranslations("ssoSettings");
  const [state, formAction] = useActionState(action, undefined);
  const failure = failureOf(state);
  return (
    <form action={formAction} className="flex max-w-2xl flex-wrap items-end gap-3">
      <FormError message={failure?.formError} />
      <TextField name="domain" label={t("domain")} hint={t("domainHint")} required maxLength={DOMAIN_MAX_LENGTH} autoComplete="off"
        className="min-w-64 flex-1" errors={failure?.fieldErrors?.domain} />
      <button type="submit" className={`${button.secondary} mb-6`}>{t("addDomain")}</button>
    </form>
  );
}

/** A button that runs one action (with hidden fields), then says it worked or why not. */
export function SsoActionButton({ action, fields = {}, label, done, variant = "secondary", describedBy }: {
  action: FormAction<unknown>;
  fields?: Record<string, string>;
  label: string;
  done?: string;
  variant?: "primary" | "secondary" | "ghost";
  describedBy?: string;
}) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form action={formAction} className="inline-flex flex-col gap-2">
      {Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <button type="submit" aria-describedby={describedBy} className={`${button[variant]} ${variant === "ghost" ? button.small : ""}`}>{label}</button>
      {state?.ok && done && <p role="status" className="text-sm text-green-800">{done}</p>}
      <FormError message={firstError(state)} />
    </form>
  );
}

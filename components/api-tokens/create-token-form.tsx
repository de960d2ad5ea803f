"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { FormError, SelectField, TextField, type Option } from "@/components/form-fields";
import { SubmitButton } from "@/components/submit-button";
import { isolate } from "@/lib/bidi";
import { failureOf } from "@/lib/actions/result";
import { API_TOKEN_NAME_MAX_LENGTH } from "@/lib/validation/api-tokens";
import { TokenShown } from "./token-shown";
import type { TokenFormAction } from "./types";

interface Submitted { name: string; roleCeiling: string; expires: string; scopes: string[] }

/**
 * Settings › API tokens › New token: name, role ceiling (roles up to the viewer's), expiry and
 * optional scopes. The answer shows the secret once. Works without JavaScript (the page renders
 * the action's answer).
 */
export function CreateTokenForm({ action, roles, expiries, scopes }: {
  action: TokenFormAction<{ id: string; name: string; secret: string }>;
  roles: Option[];
  expiries: Option[];
  scopes: Option[];
}) {
  const t = useTranslations("apiTokens");
  const [state, formAction] = useActionState(action, undefined);
  const initial: Submitted = { name: "", roleCeiling: roles.at(-1)?.value ?? "", expires: expiries[0]?.value ?? "", scopes: [] };
  // React resets a form after its action: on a refusal, it is shown again as it was sent.
  const [submitted, setSubmitted] = useState(initial);
  const failed = failureOf(state);
  const shown = failed ? submitted : initial;
  const errors = failed?.fieldErrors;
  // An unknown value is named by its place ("scopes.1"): shown at the group all the same.
  const scopeError = Object.entries(errors ?? {}).filter(([key]) => key === "scopes" || key.startsWith("scopes.")).flatMap(([, e]) => e).join(" ");
  return (
    <div className="space-y-4">
      {state?.ok && (
        <>
          <p role="status" className="max-w-2xl rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
            {t("created", { name: isolate(state.data.name) })}
          </p>
          <TokenShown secret={state.data.secret} />
        </>
      )}
      <form
        action={formAction}
        onSubmit={(event) => {
          const data = new FormData(event.currentTarget);
          setSubmitted({
            name: String(data.get("name") ?? ""), roleCeiling: String(data.get("roleCeiling") ?? ""),
            expires: String(data.get("expires") ?? ""), scopes: data.getAll("scopes").map(String),
          });
        }}
        className="max-w-2xl space-y-4"
        noValidate
      >
        <FormError message={failed?.formError} />
        <TextField name="name" label={t("name")} hint={t("nameHint", { max: API_TOKEN_NAME_MAX_LENGTH })} maxLength={API_TOKEN_NAME_MAX_LENGTH}
          autoComplete="off" required defaultValue={shown.name} errors={errors?.name} />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField name="roleCeiling" label={t("roleCeiling")} hint={t("roleCeilingHint")} options={roles} value={shown.roleCeiling} errors={errors?.roleCeiling} />
          <SelectField name="expires" label={t("expires")} options={expiries} value={shown.expires} errors={errors?.expires} />
        </div>
        <fieldset aria-describedby={["token-scopes-hint", scopeError ? "token-scopes-error" : ""].filter(Boolean).join(" ")} className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">{t("scopes")}</legend>
          <p id="token-scopes-hint" className="text-xs text-slate-600">{t("scopesHint")}</p>
          <div className="flex flex-wrap gap-x-6 gap-y-2">
            {scopes.map((scope) => (
              <label key={scope.value} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="scopes" value={scope.value} defaultChecked={shown.scopes.includes(scope.value)} className="h-4 w-4" />
                {scope.label}
              </label>
            ))}
          </div>
          {scopeError && <p id="token-scopes-error" className="text-sm text-red-700">{scopeError}</p>}
        </fieldset>
        <SubmitButton>{t("create")}</SubmitButton>
      </form>
    </div>
  );
}

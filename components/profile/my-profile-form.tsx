"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { failureOf, type ActionResult } from "@/lib/actions/result";
import { FormError, SelectField, TextField, type Option } from "../form-fields";
import { SubmitButton } from "../submit-button";
import { TimeZoneField, type TimeZoneOption } from "../time-zone-field";
import { toasting } from "./toasting";

type MyProfileAction = (previous: unknown, input: FormData) => Promise<ActionResult<{ changed: number; message: string }>>;

interface Props {
  action: MyProfileAction;
  user: { firstName: string; lastName: string; email: string; role: string; locale: string; timeZone: string };
  options: { locales: Option[]; timeZones: readonly TimeZoneOption[] };
}

/**
 * My profile: the signed-in user edits their names, language and time zone; their email and role
 * are shown as text (an admin's business). Works without JavaScript; a saved change is announced
 * by a toast and confirmed next to the button.
 */
export function MyProfileForm({ action, user, options }: Props) {
  const t = useTranslations("profile");
  // The confirmation is the server's, in the language just saved.
  const [state, formAction] = useActionState(toasting(action, (data) => data.message), undefined);
  const failed = failureOf(state);
  const errors = failed?.fieldErrors;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormError message={failed?.formError} />
      <dl className="grid gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <dt className="text-sm font-medium text-slate-800">{t("email")}</dt>
          <dd className="break-anywhere mt-1 text-sm">{user.email}</dd>
          <dd className="mt-1 text-xs text-slate-600">{t("emailNote")}</dd>
        </div>
        <div>
          <dt className="text-sm font-medium text-slate-800">{t("role")}</dt>
          <dd className="mt-1 text-sm">{user.role}</dd>
        </div>
      </dl>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="firstName" label={t("firstName")} defaultValue={user.firstName} required maxLength={50} autoComplete="given-name" errors={errors?.firstName} />
        <TextField name="lastName" label={t("lastName")} defaultValue={user.lastName} maxLength={50} autoComplete="family-name" errors={errors?.lastName} />
        {/* Keyed by the saved value: a field's default is set at mount, and React resets the form to it after saving. */}
        <SelectField key={`locale-${user.locale}`} name="locale" label={t("language")} value={user.locale} errors={errors?.locale} options={options.locales} />
        <TimeZoneField key={`timeZone-${user.timeZone}`} name="timeZone" label={t("timeZone")} defaultValue={user.timeZone} errors={errors?.timeZone} zones={options.timeZones} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>{t("save")}</SubmitButton>
        {/* Seen next to the button; the toast is what screen readers announce. */}
        {state?.ok && <p className="text-sm text-green-800">{state.data.message}</p>}
      </div>
    </form>
  );
}

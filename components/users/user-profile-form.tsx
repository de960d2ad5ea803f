"use client";

import { useActionState, useId } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/result";
import { FormError, TextField } from "../form-fields";
import { SubmitButton } from "../submit-button";

type ProfileAction = (previous: unknown, input: FormData) => Promise<ActionResult<{ id: string; changed: number }>>;

interface Option {
  value: string;
  label: string;
}

interface Props {
  action: ProfileAction;
  editable: boolean;
  user: { id: string; firstName: string; lastName: string; email: string; locale: string; timeZone: string; groupId: string; role: string };
  options: { locales: Option[]; timeZones: readonly string[]; groups: { id: string; name: string }[]; roles: Option[] };
}

/** The Profile tab: admins edit, everyone else reads the same fields. Works without JavaScript. */
export function UserProfileForm({ action, editable, user, options }: Props) {
  const t = useTranslations("userDetail");
  const [state, formAction] = useActionState(action, undefined);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="max-w-2xl space-y-4">
      <input type="hidden" name="id" value={user.id} />
      <FormError message={state && !state.ok ? state.formError : undefined} />
      {state?.ok && <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">{t("saved")}</p>}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="firstName" label={t("firstName")} defaultValue={user.firstName} required readOnly={!editable} maxLength={50} errors={errors?.firstName} />
        <TextField name="lastName" label={t("lastName")} defaultValue={user.lastName} readOnly={!editable} maxLength={50} errors={errors?.lastName} />
        <TextField name="email" label={t("email")} defaultValue={user.email} readOnly hint={t("emailImmutable")} className="sm:col-span-2" />
        <Select name="locale" label={t("language")} value={user.locale} disabled={!editable} errors={errors?.locale}
          options={options.locales} />
        <Select name="timeZone" label={t("timeZone")} value={user.timeZone} disabled={!editable} errors={errors?.timeZone}
          options={options.timeZones.map((z) => ({ value: z, label: z }))} />
        <Select name="groupId" label={t("group")} value={user.groupId} disabled={!editable} errors={errors?.groupId}
          options={[{ value: "none", label: t("noGroup") }, ...options.groups.map((g) => ({ value: g.id, label: g.name }))]} />
        <Select name="role" label={t("role")} value={user.role} disabled={!editable} errors={errors?.role} options={options.roles} />
      </div>
      {editable && <SubmitButton>{t("save")}</SubmitButton>}
    </form>
  );
}

function Select({ name, label, value, options, disabled, errors }: { name: string; label: string; value: string; options: Option[]; disabled: boolean; errors?: string[] }) {
  const id = useId();
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">{label}</label>
      <select id={id} name={name} defaultValue={value} disabled={disabled} aria-invalid={errorId ? true : undefined} aria-describedby={errorId}
        className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-2 py-2 text-sm disabled:bg-slate-100">
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      {errorId && <p id={errorId} className="mt-1 text-sm text-red-700">{errors!.join(" ")}</p>}
    </div>
  );
}

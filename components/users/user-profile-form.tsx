"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { failureOf, type ActionResult } from "@/lib/actions/result";
import { FormError, SelectField, TextField, type Option } from "../form-fields";
import { SubmitButton } from "../submit-button";
import { TimeZoneField, type TimeZoneOption } from "../time-zone-field";
import { useSuccessToast } from "../toast";

type ProfileAction = (previous: unknown, input: FormData) => Promise<ActionResult<{ id: string; changed: number }>>;

interface Props {
  action: ProfileAction;
  editable: boolean;
  user: { id: string; firstName: string; lastName: string; email: string; locale: string; timeZone: string; groupId: string; role: string };
  options: { locales: Option[]; timeZones: readonly TimeZoneOption[]; groups: { id: string; name: string }[]; roles: Option[] };
}

/** The Profile tab: admins edit, everyone else reads the same fields. Works without JavaScript. */
export function UserProfileForm({ action, editable, user, options }: Props) {
  const t = useTranslations("userDetail");
  const [state, formAction] = useActionState(action, undefined);
  const errors = failureOf(state)?.fieldErrors;
  useSuccessToast(state, t("saved"));
  return (
    <form action={formAction} className="max-w-2xl space-y-4">
      <input type="hidden" name="id" value={user.id} />
      <FormError message={failureOf(state)?.formError} />
      {state?.ok && <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">{t("saved")}</p>}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="firstName" label={t("firstName")} defaultValue={user.firstName} required readOnly={!editable} maxLength={50} errors={errors?.firstName} />
        <TextField name="lastName" label={t("lastName")} defaultValue={user.lastName} readOnly={!editable} maxLength={50} errors={errors?.lastName} />
        <TextField name="email" label={t("email")} defaultValue={user.email} readOnly hint={t("emailImmutable")} className="sm:col-span-2" />
        <SelectField name="locale" label={t("language")} value={user.locale} disabled={!editable} errors={errors?.locale}
          options={options.locales} />
        <TimeZoneField name="timeZone" label={t("timeZone")} defaultValue={user.timeZone} disabled={!editable} errors={errors?.timeZone} zones={options.timeZones} />
        <SelectField name="groupId" label={t("group")} value={user.groupId} disabled={!editable} errors={errors?.groupId}
          options={[{ value: "none", label: t("noGroup") }, ...options.groups.map((g) => ({ value: g.id, label: g.name }))]} />
        <SelectField name="role" label={t("role")} value={user.role} disabled={!editable} errors={errors?.role} options={options.roles} />
      </div>
      {editable && <SubmitButton>{t("save")}</SubmitButton>}
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { button } from "@/components/button-styles";
import { FormError, SelectField, type Option } from "@/components/form-fields";
import { SubmitButton } from "@/components/submit-button";
import { failureOf, firstError, type ActionResult } from "@/lib/actions/result";

type FormAction<T> = (previous: unknown, input: FormData) => Promise<ActionResult<T>>;

/** Settings › Provisioning: a group and a product make a rule. */
export function AddRuleForm({ action, groups, products }: { action: FormAction<{ id: string }>; groups: Option[]; products: Option[] }) {
  const t = useTranslations("provisioning");
  const [state, formAction] = useActionState(action, undefined);
  const failed = failureOf(state);
  return (
    <form action={formAction} className="flex max-w-2xl flex-wrap items-start gap-3" noValidate>
      <SelectField name="groupId" label={t("group")} options={[{ value: "", label: t("chooseGroup") }, ...groups]} errors={failed?.fieldErrors?.groupId} className="min-w-48 flex-1" />
      <SelectField name="product" label={t("product")} options={[{ value: "", label: t("chooseProduct") }, ...products]} errors={failed?.fieldErrors?.product} className="min-w-48 flex-1" />
      <SubmitButton className="mt-6">{t("add")}</SubmitButton>
      <div className="basis-full">
        <FormError message={failed?.formError} />
        {state?.ok && <p role="status" className="text-sm text-green-800">{t("added")}</p>}
      </div>
    </form>
  );
}

/** Removes a rule: nobody's licences change, only what SCIM's next changes to the group will do. */
export function RemoveRuleButton({ action, id, label }: { action: FormAction<{ id: string }>; id: string; label: string }) {
  const t = useTranslations("provisioning");
  const [state, formAction] = useActionState(action, undefined);
  const error = firstError(state);
  return (
    <form action={formAction}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" aria-label={label} className={`${button.ghost} ${button.small} text-red-800`}>{t("remove")}</button>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
    </form>
  );
}

"use client";

import { useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import {
  addProductsAction,
  bulkCapabilitiesAction,
  bulkChangeGroupAction,
  bulkChangeRoleAction,
  bulkDeleteAction,
  bulkReactivateAction,
  bulkResendInvitationsAction,
  bulkSuspendAction,
  removeProductsAction,
} from "@/app/(app)/people/users/actions";
import type { ActionResult } from "@/lib/actions/result";
import { inRequestOnly, MAX_IN_REQUEST, type Operation } from "@/lib/users/bulk-operations";
import type { UserFilters } from "@/lib/users/list-params";
import { button } from "../button-styles";
import { FormError } from "../form-fields";
import { BulkDialogTitle } from "./bulk-dialog";

export type { Operation };

export interface Product {
  code: string;
  name: string;
  seatsPurchased: number;
  seatsLeft: number;
}

const CAPABILITY_FIELDS = ["unattendedAccess", "fileManagement", "remoteControl"] as const;

type Selection = { mode: "ids"; ids: string[] } | { mode: "matching"; filters: UserFilters };

export interface BulkFormProps {
  operation: Operation;
  count: number;
  /** The count is a floor: the selection has more than `count` users (a capped count). */
  countAtLeast?: boolean;
  /** The one selected user's name, when the selection is one user the page knows. */
  name?: string;
  /** The product chosen first (Add products launched for Remote Support). */
  productCode?: string;
  selection: Selection;
  roles: { value: string; label: string }[];
  groups: { id: string; name: string }[];
  products: Product[];
  onDone: (message: string) => void;
  onCancel: () => void;
}

/**
 * The confirmation dialog's form for one bulk action: names whom it changes, asks what it needs,
 * runs it. Loaded by its dialog (bulk-dialog.tsx) when an action is first chosen.
 */
export function BulkForm(props: BulkFormProps) {
  const t = useTranslations("users");
  const fieldId = useId();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const { operation, count, countAtLeast = false } = props;
  // "All matching" runs in this request only for the actions that stay there (seats, emails): up to a limit.
  const tooMany = props.selection.mode === "matching" && inRequestOnly(operation) && (countAtLeast || count > MAX_IN_REQUEST);

  const submit = (form: FormData) => {
    if (pending || tooMany) return;
    const base = { selection: props.selection, expectedCount: count, countAtLeast };
    startTransition(async () => {
      let result: ActionResult<{ count: number } | { changed: number; skipped?: number } | { jobId: string; total: number }>;
      const product = { productCode: form.get("productCode"), notify: form.get("notify") === "on" };
      const capabilities = Object.fromEntries(CAPABILITY_FIELDS.map((k) => [k, form.get(k)]));
      if (operation === "editCapabilities") result = await bulkCapabilitiesAction(undefined, { ...base, ...capabilities });
      else if (operation === "addProducts") result = await addProductsAction(undefined, { ...base, ...product });
      else if (operation === "removeProducts") result = await removeProductsAction(undefined, { ...base, ...product });
      else if (operation === "changeRole") result = await bulkChangeRoleAction(undefined, { ...base, role: form.get("role") });
      else if (operation === "changeGroup") result = await bulkChangeGroupAction(undefined, { ...base, groupId: form.get("groupId") });
      else if (operation === "suspend") result = await bulkSuspendAction(undefined, base);
      else if (operation === "reactivate") result = await bulkReactivateAction(undefined, base);
      else if (operation === "resendInvitation") result = await bulkResendInvitationsAction(undefined, base);
      else result = await bulkDeleteAction(undefined, base);
      if (result.ok) {
        const data = result.data;
        if ("jobId" in data) return props.onDone(t("jobs.started", { count: data.total }));
        const count = "count" in data ? data.count : data.changed;
        props.onDone(t(`done.${operation}`, { count, skipped: "skipped" in data ? (data.skipped ?? 0) : 0 }));
      }
      else setError(result.formError ?? Object.values(result.fieldErrors ?? {}).flat()[0]);
    });
  };

  return (
    <form action={submit} className="space-y-4">
      <BulkDialogTitle operation={operation} name={props.name} count={count} />
      <p>{countAtLeast ? t("confirmAtLeast", { count }) : t(`confirm.${operation}`, { count })}</p>
      {tooMany && <p role="alert" className="text-sm text-red-800">{t("tooManyForRequest", { max: MAX_IN_REQUEST })}</p>}
      {(operation === "addProducts" || operation === "removeProducts") && (
        <>
          <div>
            <label htmlFor={fieldId} className="block text-sm font-medium">{t("product")}</label>
            <select id={fieldId} name="productCode" required defaultValue={props.productCode} className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-2 py-2 text-sm">
              {props.products.map((p) => (
                <option key={p.code} value={p.code}>{t("productSeats", { name: p.name, left: p.seatsLeft, purchased: p.seatsPurchased })}</option>
              ))}
            </select>
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="notify" defaultChecked />
            {t("notify")}
          </label>
        </>
      )}
      {operation === "editCapabilities" && (
        <fieldset className="space-y-3">
          <legend className="text-sm text-slate-700">{t("capabilitiesHint")}</legend>
          {CAPABILITY_FIELDS.map((key) => (
            <div key={key}>
              <label htmlFor={`${fieldId}-${key}`} className="block text-sm font-medium">{t(`capability.${key}`)}</label>
              <select id={`${fieldId}-${key}`} name={key} defaultValue="keep" className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-2 py-2 text-sm">
                <option value="keep">{t("keep")}</option>
                <option value="on">{t("on")}</option>
                <option value="off">{t("off")}</option>
              </select>
            </div>
          ))}
        </fieldset>
      )}
      {operation === "changeRole" && (
        <div>
          <label htmlFor={fieldId} className="block text-sm font-medium">{t("newRole")}</label>
          <select id={fieldId} name="role" required className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-2 py-2 text-sm">
            {props.roles.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
          </select>
        </div>
      )}
      {operation === "changeGroup" && (
        <div>
          <label htmlFor={fieldId} className="block text-sm font-medium">{t("newGroup")}</label>
          <select id={fieldId} name="groupId" className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-2 py-2 text-sm">
            <option value="none">{t("noGroup")}</option>
            {props.groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
          </select>
        </div>
      )}
      <FormError message={error} />
      <div className="flex flex-wrap justify-end gap-2">
        <button type="button" onClick={props.onCancel} className={button.secondary}>{t("cancel")}</button>
        {!tooMany && (
          <button type="submit" aria-disabled={pending || undefined} className={`${operation === "delete" ? button.danger : button.primary} whitespace-normal`}>
            {countAtLeast ? t(`ops.${operation}`) : t(`confirmButton.${operation}`, { count })}
          </button>
        )}
      </div>
    </form>
  );
}

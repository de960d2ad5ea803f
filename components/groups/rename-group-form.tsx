"use client";

import { useActionState, useId, useState } from "react";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/form-fields";
import { GROUP_NAME_MAX_LENGTH } from "@/lib/validation/groups";
import type { GroupFormAction } from "./types";
import { isolate } from "@/lib/bidi";
import { failureOf } from "@/lib/actions/result";

/** The rename field of one table row; its label is for assistive technology, the row shows the name. */
export function RenameGroupForm({ action, group }: {
  action: GroupFormAction<{ id: string; name: string }>;
  group: { id: string; name: string };
}) {
  const t = useTranslations("groups");
  const id = useId();
  const [state, formAction] = useActionState(action, undefined);
  const [submitted, setSubmitted] = useState(group.name);
  const failed = failureOf(state);
  const errors = failed?.fieldErrors?.name;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <form
      action={formAction}
      onSubmit={(event) => setSubmitted(String(new FormData(event.currentTarget).get("name") ?? ""))}
      className="space-y-1"
      noValidate
    >
      <input type="hidden" name="id" value={group.id} />
      <div className="flex items-center gap-2">
        <label htmlFor={id} className="sr-only">{t("renameLabel", { name: group.name })}</label>
        <input
          id={id}
          name="name"
          required
          maxLength={GROUP_NAME_MAX_LENGTH}
          autoComplete="off"
          defaultValue={failed ? submitted : group.name}
          aria-invalid={errorId ? true : undefined}
          aria-describedby={errorId}
          className="w-56 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm aria-[invalid=true]:border-red-600"
        />
        <button type="submit" className="rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm hover:bg-slate-100">
          {t("rename")}
        </button>
      </div>
      {errorId && <p id={errorId} className="text-sm text-red-700">{errors!.join(" ")}</p>}
      <FormError message={failed?.formError} />
      {state?.ok && <p role="status" className="text-sm text-green-800">{t("renamed", { name: isolate(state.data.name) })}</p>}
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { failureOf, type ActionResult } from "@/lib/actions/result";
import { FormError } from "../form-fields";
import { SubmitButton } from "../submit-button";

type IdAction = (previous: unknown, input: FormData) => Promise<ActionResult<unknown>>;

/** A one-button form acting on an import (confirm, cancel): works without JavaScript. */
export function ImportButton({ action, id, label, secondary = false }: { action: IdAction; id: string; label: string; secondary?: boolean }) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <FormError message={failureOf(state)?.formError} />
      <SubmitButton className={secondary ? "!bg-white !text-slate-800 border border-slate-400 hover:!bg-slate-50" : ""}>{label}</SubmitButton>
    </form>
  );
}

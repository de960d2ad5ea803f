"use client";

import { useActionState } from "react";
import { FormError } from "../form-fields";
import { SubmitButton } from "../submit-button";
import { firstError, type ActionResult } from "@/lib/actions/result";

type ContinueAction = (previous: unknown, input: FormData) => Promise<ActionResult<unknown>>;

/** Continue with single sign-on for a known address (an invitation's): off to the company's provider. */
export function SsoContinueForm({ action, email, callbackUrl, label }: { action: ContinueAction; email: string; callbackUrl: string; label: string }) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form action={formAction} className="space-y-3">
      <FormError message={firstError(state)} />
      <input type="hidden" name="email" value={email} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <SubmitButton className="w-full">{label}</SubmitButton>
    </form>
  );
}

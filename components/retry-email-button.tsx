"use client";

import { useActionState } from "react";
import { firstError, type ActionResult } from "@/lib/actions/result";
import { FormError } from "./form-fields";
import { SubmitButton } from "./submit-button";

type RetryAction = (previous: unknown, input: FormData) => Promise<ActionResult<{ id: string }>>;

/**
 * Stays mounted when the email stops being retryable (the page re-renders after the action), so
 * the confirmation remains on screen while the button goes away.
 */
export function RetryEmailButton({ action, id, retryable, labels }: {
  action: RetryAction;
  id: string;
  retryable: boolean;
  labels: { retry: string; done: string };
}) {
  const [state, formAction] = useActionState(action, undefined);
  if (!retryable && !state) return null;
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      {retryable && <SubmitButton>{labels.retry}</SubmitButton>}
      {state?.ok && <p role="status" className="text-sm text-green-800">{labels.done}</p>}
      <FormError message={firstError(state)} />
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { FormError } from "@/components/form-fields";
import { toast } from "@/components/toast";
import { revokeMyOtherSessionsAction, revokeMySessionAction } from "@/app/(app)/actions";
import { firstError, type ActionResult } from "@/lib/actions/result";

function Button({ children, describedBy }: { children: React.ReactNode; describedBy?: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      aria-describedby={describedBy}
      aria-disabled={pending || undefined}
      onClick={(event) => pending && event.preventDefault()}
      className="rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm hover:bg-slate-100 aria-disabled:opacity-60"
    >
      {children}
    </button>
  );
}

/**
 * The action, then a toast when it succeeded — from here, not from an effect: a signed-out session's
 * button is gone from the refreshed list by the time an effect would run.
 */
function toasting<T>(action: (previous: unknown, input: FormData) => Promise<ActionResult<T>>, message: string) {
  return async (previous: unknown, input: FormData) => {
    const result = await action(previous, input);
    if (result.ok) toast.success(message);
    return result;
  };
}

/** Profile › Active sessions: "Sign out" on one of the user's other sessions. Works without JavaScript. */
export function RevokeSessionButton({ sessionId, label, describedBy, doneMessage }: { sessionId: string; label: string; describedBy: string; doneMessage: string }) {
  const [state, formAction] = useActionState(toasting(revokeMySessionAction, doneMessage), undefined);
  return (
    <form action={formAction} className="space-y-2">
      <FormError message={firstError(state)} />
      <input type="hidden" name="sessionId" value={sessionId} />
      <Button describedBy={describedBy}>{label}</Button>
    </form>
  );
}

/** Profile › Active sessions: "Sign out everywhere else". */
export function RevokeOtherSessionsButton({ label, doneMessage }: { label: string; doneMessage: string }) {
  const [state, formAction] = useActionState(toasting(revokeMyOtherSessionsAction, doneMessage), undefined);
  return (
    <form action={formAction} className="space-y-2">
      <FormError message={firstError(state)} />
      <Button>{label}</Button>
    </form>
  );
}

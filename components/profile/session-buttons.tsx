"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { FormError } from "@/components/form-fields";
import { revokeMyOtherSessionsAction, revokeMySessionAction } from "@/app/(app)/actions";
import { firstError } from "@/lib/actions/result";

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

/** Profile › Active sessions: "Sign out" on one of the user's other sessions. Works without JavaScript. */
export function RevokeSessionButton({ sessionId, label, describedBy }: { sessionId: string; label: string; describedBy: string }) {
  const [state, formAction] = useActionState(revokeMySessionAction, undefined);
  return (
    <form action={formAction} className="space-y-2">
      <FormError message={firstError(state)} />
      <input type="hidden" name="sessionId" value={sessionId} />
      <Button describedBy={describedBy}>{label}</Button>
    </form>
  );
}

/** Profile › Active sessions: "Sign out everywhere else". */
export function RevokeOtherSessionsButton({ label }: { label: string }) {
  const [state, formAction] = useActionState(revokeMyOtherSessionsAction, undefined);
  return (
    <form action={formAction} className="space-y-2">
      <FormError message={firstError(state)} />
      <Button>{label}</Button>
    </form>
  );
}

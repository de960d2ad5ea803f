"use client";

import { useActionState, useEffect, useId, useRef, type RefObject } from "react";
import { useFormStatus } from "react-dom";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/form-fields";
import { firstError, type ActionResult } from "@/lib/actions/result";
import { isolate } from "@/lib/bidi";

type ResetAction = (previous: unknown, input: FormData) => Promise<ActionResult<{ id: string }>>;

function openModal(dialog: RefObject<HTMLDialogElement | null>, cancel: RefObject<HTMLButtonElement | null>) {
  if (!dialog.current) return;
  if (dialog.current.open) dialog.current.close(); // open but not modal, as the server rendered it
  dialog.current.showModal();
  cancel.current?.focus(); // the safe choice first
}

function ConfirmButton({ children }: { children: React.ReactNode }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" aria-disabled={pending || undefined} onClick={(event) => pending && event.preventDefault()}
      className="rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800 aria-disabled:opacity-60">
      {children}
    </button>
  );
}

/**
 * "Reset two-step verification" on a user's page: a confirmation dialog naming the user. Without
 * JavaScript the button asks the page for `?confirm=resetTwoStep`, which renders the dialog open.
 */
export function ResetTwoStepButton({ action, user, open = false }: { action: ResetAction; user: { id: string; name: string }; open?: boolean }) {
  const t = useTranslations("userDetail");
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [state, formAction] = useActionState(action, undefined);

  useEffect(() => {
    if (open) openModal(dialog, cancel);
  }, [open]);
  useEffect(() => {
    if (state?.ok) dialog.current?.close();
  }, [state]);

  return (
    <div className="space-y-2">
      <form method="get" action={`/people/users/${user.id}`} onSubmit={(event) => { event.preventDefault(); openModal(dialog, cancel); }}>
        <input type="hidden" name="confirm" value="resetTwoStep" />
        <button type="submit" className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm text-red-800 hover:bg-red-50">
          {t("resetTwoStep")}
        </button>
      </form>
      {state?.ok && <p role="status" className="text-sm text-green-800">{t("resetTwoStepDone", { name: isolate(user.name) })}</p>}
      <dialog ref={dialog} open={open || undefined} aria-labelledby={titleId}
        className="m-auto w-full max-w-md rounded-lg border border-slate-300 bg-white p-6 text-left text-slate-900 shadow-xl backdrop:bg-slate-900/40">
        <div className="space-y-4">
          <h2 id={titleId} className="text-lg font-semibold">{t("resetTwoStep")}</h2>
          <p className="text-sm text-slate-700">{t("resetTwoStepConfirm", { name: isolate(user.name) })}</p>
          <FormError message={firstError(state)} />
          <div className="flex justify-end gap-2">
            <form method="dialog">
              <button ref={cancel} type="submit" className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm hover:bg-slate-100">{t("cancel")}</button>
            </form>
            <form action={formAction}>
              <input type="hidden" name="userId" value={user.id} />
              <ConfirmButton>{t("resetTwoStep")}</ConfirmButton>
            </form>
          </div>
        </div>
      </dialog>
    </div>
  );
}

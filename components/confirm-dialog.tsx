"use client";

import { useId, type ReactNode, type RefObject } from "react";
import { useFormStatus } from "react-dom";
import { button } from "@/components/button-styles";
import { FormError } from "@/components/form-fields";

/**
 * A dialog's box: centred in the viewport whether it was opened as a modal or rendered open by the
 * server (the no-JavaScript path), never wider than a phone's screen, scrolling inside when tall.
 */
export const DIALOG_CLASS =
  "fixed inset-0 z-50 m-auto h-fit max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-md overflow-y-auto rounded-lg border border-slate-300 bg-white p-6 text-left text-slate-900 shadow-xl backdrop:bg-slate-950/50";

/** Opens a confirmation dialog as a modal (closing first one the server rendered open), the safe choice focused. */
export function openModal(dialog: RefObject<HTMLDialogElement | null>, cancel: RefObject<HTMLButtonElement | null>) {
  if (!dialog.current) return;
  if (dialog.current.open) dialog.current.close(); // open but not modal, as the server rendered it
  dialog.current.showModal();
  cancel.current?.focus();
}

function ConfirmButton({ children }: { children: ReactNode }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      aria-disabled={pending || undefined}
      onClick={(event) => pending && event.preventDefault()}
      className={button.danger}
    >
      {children}
    </button>
  );
}

/**
 * The confirmation of a destructive action: a native <dialog> with a title, what will happen, the
 * action's error, Cancel (which just closes it) and the confirming button, which submits `fields`
 * to `action`. `open` renders it open (the no-JavaScript path: the page asked for it in its URL).
 */
export function ConfirmDialog({ dialogRef, cancelRef, open, title, body, error, cancelLabel, confirmLabel, action, fields }: {
  dialogRef: RefObject<HTMLDialogElement | null>;
  cancelRef: RefObject<HTMLButtonElement | null>;
  open?: boolean;
  title: ReactNode;
  body: ReactNode;
  error?: string;
  cancelLabel: string;
  confirmLabel: string;
  action: (formData: FormData) => void;
  fields: Record<string, string>;
}) {
  const titleId = useId();
  return (
    <dialog
      ref={dialogRef}
      open={open || undefined}
      aria-labelledby={titleId}
      className={DIALOG_CLASS}
    >
      <div className="space-y-4">
        <h2 id={titleId} className="break-anywhere text-lg font-semibold">{title}</h2>
        <p className="break-anywhere text-sm text-slate-700">{body}</p>
        <FormError message={error} />
        <div className="flex flex-wrap justify-end gap-2">
          <form method="dialog">
            <button ref={cancelRef} type="submit" className={button.secondary}>
              {cancelLabel}
            </button>
          </form>
          <form action={action}>
            {Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
            <ConfirmButton>{confirmLabel}</ConfirmButton>
          </form>
        </div>
      </div>
    </dialog>
  );
}

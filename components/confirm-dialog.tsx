"use client";

import { useId, type ReactNode, type RefObject } from "react";
import { useFormStatus } from "react-dom";
import { FormError } from "@/components/form-fields";

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
      className="rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-on-fill hover:bg-red-800 aria-disabled:opacity-60"
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
      className="m-auto w-full max-w-md rounded-lg border border-slate-300 bg-white p-6 text-left text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="space-y-4">
        <h2 id={titleId} className="text-lg font-semibold">{title}</h2>
        <p className="text-sm text-slate-700">{body}</p>
        <FormError message={error} />
        <div className="flex justify-end gap-2">
          <form method="dialog">
            <button ref={cancelRef} type="submit" className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm hover:bg-slate-100">
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

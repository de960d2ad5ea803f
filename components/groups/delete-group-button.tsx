"use client";

import { useActionState, useEffect, useId, useRef, type RefObject } from "react";
import { useFormStatus } from "react-dom";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/form-fields";
import type { GroupFormAction } from "./types";
import { isolate } from "@/lib/bidi";
import { firstError } from "@/lib/actions/result";

function openModal(dialog: RefObject<HTMLDialogElement | null>, cancel: RefObject<HTMLButtonElement | null>) {
  if (!dialog.current) return;
  if (dialog.current.open) dialog.current.close(); // open but not modal, as the server rendered it
  dialog.current.showModal();
  cancel.current?.focus(); // the safe choice first
}

function ConfirmButton({ children }: { children: React.ReactNode }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      aria-disabled={pending || undefined}
      onClick={(event) => pending && event.preventDefault()}
      className="rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800 aria-disabled:opacity-60"
    >
      {children}
    </button>
  );
}

/**
 * "Delete" opens a confirmation dialog that names the group and its member count. Without
 * JavaScript the button asks the page for `?delete=<id>`, which renders the dialog already open.
 */
export function DeleteGroupButton({ action, group, open = false }: {
  action: GroupFormAction<{ id: string }>;
  group: { id: string; name: string; memberCount: number };
  open?: boolean;
}) {
  const t = useTranslations("groups");
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [state, formAction] = useActionState(action, undefined);
  const error = firstError(state);

  useEffect(() => {
    if (open) openModal(dialog, cancel);
  }, [open]);

  return (
    <>
      <form method="get" action="/people/groups" onSubmit={(event) => { event.preventDefault(); openModal(dialog, cancel); }}>
        <input type="hidden" name="delete" value={group.id} />
        <button type="submit" className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm text-red-800 hover:bg-red-50">
          {t("delete")}
        </button>
      </form>
      <dialog
        ref={dialog}
        open={open || undefined}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-md rounded-lg border border-slate-300 bg-white p-6 text-left text-slate-900 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="space-y-4">
          <h2 id={titleId} className="text-lg font-semibold">{t("deleteTitle", { name: isolate(group.name) })}</h2>
          <p className="text-sm text-slate-700">{t("deleteBody", { count: group.memberCount })}</p>
          <FormError message={error} />
          <div className="flex justify-end gap-2">
            <form method="dialog">
              <button ref={cancel} type="submit" className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm hover:bg-slate-100">
                {t("cancel")}
              </button>
            </form>
            <form action={formAction}>
              <input type="hidden" name="id" value={group.id} />
              <ConfirmButton>{t("deleteConfirm")}</ConfirmButton>
            </form>
          </div>
        </div>
      </dialog>
    </>
  );
}

"use client";

import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { ConfirmDialog, openModal } from "@/components/confirm-dialog";
import type { GroupFormAction } from "./types";
import { isolate } from "@/lib/bidi";
import { firstError } from "@/lib/actions/result";

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
      <ConfirmDialog
        dialogRef={dialog}
        cancelRef={cancel}
        open={open}
        title={t("deleteTitle", { name: isolate(group.name) })}
        body={t("deleteBody", { count: group.memberCount })}
        error={error}
        cancelLabel={t("cancel")}
        confirmLabel={t("deleteConfirm")}
        action={formAction}
        fields={{ id: group.id }}
      />
    </>
  );
}

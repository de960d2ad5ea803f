"use client";

import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { button } from "@/components/button-styles";
import { ConfirmDialog, openModal } from "@/components/confirm-dialog";
import { toast } from "@/components/toast";
import type { GroupFormAction } from "./types";
import { isolate } from "@/lib/bidi";
import { firstError } from "@/lib/actions/result";

/**
 * "Delete" opens a confirmation dialog that names the group and its member count. Without
 * JavaScript the button asks the page for `?delete=<id>`, which renders the dialog already open.
 */
export function DeleteGroupButton({ action, group, open = false, icon }: {
  action: GroupFormAction<{ id: string }>;
  group: { id: string; name: string; memberCount: number };
  open?: boolean;
  /** Rendered on the server: no icon code in the page's JavaScript. */
  icon: React.ReactNode;
}) {
  const t = useTranslations("groups");
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [state, formAction] = useActionState(action, undefined);
  const error = firstError(state);
  const message = useRef("");
  message.current = t("deleted", { name: isolate(group.name) });
  // A deleted group's row leaves the page with the answer, often before an effect of this row
  // could run: the toast is shown when the row goes, if a deletion was submitted and not refused.
  const submitted = useRef(false);
  useEffect(() => {
    if (state && !state.ok) submitted.current = false;
  }, [state]);
  useEffect(() => () => {
    if (submitted.current) toast.success(message.current);
  }, []);

  useEffect(() => {
    if (open) openModal(dialog, cancel);
  }, [open]);

  return (
    <>
      <form method="get" action="/people/groups" onSubmit={(event) => { event.preventDefault(); openModal(dialog, cancel); }}>
        <input type="hidden" name="delete" value={group.id} />
        <button type="submit" className={`${button.ghost} ${button.small} text-red-800`}>
          {icon}
          {t("delete")}
        </button>
      </form>
      <div className="contents" onSubmit={(event) => { if ((event.target as HTMLFormElement).method !== "dialog") submitted.current = true; }}>
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
      </div>
    </>
  );
}

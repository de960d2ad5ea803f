"use client";

import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { button } from "@/components/button-styles";
import { ConfirmDialog, openModal } from "@/components/confirm-dialog";
import { useSuccessToast } from "@/components/toast";
import { firstError, type ActionResult } from "@/lib/actions/result";
import { isolate } from "@/lib/bidi";

type ResetAction = (previous: unknown, input: FormData) => Promise<ActionResult<{ id: string }>>;

/**
 * "Reset two-step verification" on a user's page: a confirmation dialog naming the user. Without
 * JavaScript the button asks the page for `?confirm=resetTwoStep`, which renders the dialog open.
 */
export function ResetTwoStepButton({ action, user, open = false, icon }: { action: ResetAction; user: { id: string; name: string }; open?: boolean; icon: React.ReactNode }) {
  const t = useTranslations("userDetail");
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [state, formAction] = useActionState(action, undefined);
  useSuccessToast(state, t("resetTwoStepDone", { name: isolate(user.name) }));

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
        <button type="submit" className={`${button.secondary} ${button.small} text-red-800`}>
          {icon}
          {t("resetTwoStep")}
        </button>
      </form>
      {state?.ok && <p role="status" className="text-sm text-green-800">{t("resetTwoStepDone", { name: isolate(user.name) })}</p>}
      <ConfirmDialog
        dialogRef={dialog}
        cancelRef={cancel}
        open={open}
        title={t("resetTwoStep")}
        body={t("resetTwoStepConfirm", { name: isolate(user.name) })}
        error={firstError(state)}
        cancelLabel={t("cancel")}
        confirmLabel={t("resetTwoStep")}
        action={formAction}
        fields={{ userId: user.id }}
      />
    </div>
  );
}

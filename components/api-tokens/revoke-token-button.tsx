"use client";

import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { button } from "@/components/button-styles";
import { ConfirmDialog, openModal } from "@/components/confirm-dialog";
import { toast } from "@/components/toast";
import { firstError } from "@/lib/actions/result";
import { isolate } from "@/lib/bidi";
import type { TokenFormAction } from "./types";

/**
 * "Revoke" opens a confirmation dialog naming the token. Without JavaScript the button asks the
 * page for `?revoke=<id>`, which renders the dialog already open.
 */
export function RevokeTokenButton({ action, token, open = false }: {
  action: TokenFormAction<{ id: string }>;
  token: { id: string; name: string };
  open?: boolean;
}) {
  const t = useTranslations("apiTokens");
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [state, formAction] = useActionState(action, undefined);
  const message = useRef("");
  message.current = t("revoked", { name: isolate(token.name) });
  // A revoked token's row leaves the page with the answer, often before an effect of this row could
  // run: the toast is shown when the row goes, if a revocation was submitted and not refused.
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
      <form method="get" action="/settings/api-tokens" onSubmit={(event) => { event.preventDefault(); openModal(dialog, cancel); }}>
        <input type="hidden" name="revoke" value={token.id} />
        <button type="submit" className={`${button.ghost} ${button.small} text-red-800`}>
          {t("revoke")}
          <span className="sr-only"> {token.name}</span>
        </button>
      </form>
      <div className="contents" onSubmit={(event) => { if ((event.target as HTMLFormElement).method !== "dialog") submitted.current = true; }}>
        <ConfirmDialog
          dialogRef={dialog}
          cancelRef={cancel}
          open={open}
          title={t("revokeTitle", { name: isolate(token.name) })}
          body={t("revokeBody")}
          error={firstError(state)}
          cancelLabel={t("cancel")}
          confirmLabel={t("revokeConfirm")}
          action={formAction}
          fields={{ id: token.id }}
        />
      </div>
    </>
  );
}

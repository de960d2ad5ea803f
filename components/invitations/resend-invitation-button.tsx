"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { firstError, type ActionResult } from "@/lib/actions/result";
import { FormError } from "../form-fields";
import { SubmitButton } from "../submit-button";

type ResendAction = (previous: unknown, input: FormData) => Promise<ActionResult<{ count: number }>>;

/** "Resend invitation" on an invited user's page; the answer (sent, or why not) is announced. */
export function ResendInvitationButton({ action, userId }: { action: ResendAction; userId: string }) {
  const t = useTranslations("invitations.resend");
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="userId" value={userId} />
      <SubmitButton>{t("button")}</SubmitButton>
      {state?.ok && <p role="status" className="text-sm text-green-800">{t("sent")}</p>}
      <FormError message={firstError(state)} />
    </form>
  );
}

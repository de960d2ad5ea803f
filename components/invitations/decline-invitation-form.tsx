"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormError } from "../form-fields";
import type { InvitationFormAction } from "./types";
import { firstError } from "@/lib/actions/result";

/** Declining closes the invitation and changes nothing else; the page then says so. */
export function DeclineInvitationForm({ action, token }: { action: InvitationFormAction; token: string }) {
  const t = useTranslations("invitations");
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <form action={formAction} className="space-y-2">
      <FormError message={firstError(state)} />
      <input type="hidden" name="token" value={token} />
      <button type="submit" aria-disabled={pending || undefined} onClick={(event) => pending && event.preventDefault()}
        className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100 aria-disabled:opacity-60">
        {t("transfer.decline")}
      </button>
    </form>
  );
}

"use client";

import { useActionState, useId, useRef, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { ConfirmDialog, openModal } from "@/components/confirm-dialog";
import { FormError, TextField } from "@/components/form-fields";
import { passkeyOptionsAction, passkeyRegisterAction, passkeyRemoveAction, passkeyRenameAction } from "./passkey-actions";
import { failureOf, firstError, type FieldErrors } from "@/lib/actions/result";
import { isolate } from "@/lib/bidi";
import { PASSKEY_NAME_MAX_LENGTH } from "@/lib/validation/passkey-limits";

type Feedback = { status?: string; formError?: string; nameErrors?: string[] };

const nameErrorsOf = (fieldErrors?: FieldErrors) => fieldErrors?.name;

/**
 * "Add a passkey": the name is checked on the server, the browser creates the passkey (the
 * authenticator asks the user), the server verifies and stores it. Needs JavaScript, as WebAuthn does.
 */
export function AddPasskeyForm() {
  const t = useTranslations("passkeys");
  const [pending, startTransition] = useTransition();
  const [feedback, setFeedback] = useState<Feedback>({});
  const form = useRef<HTMLFormElement>(null);

  function add(name: string) {
    startTransition(async () => {
      // Loaded when used: the page's first-load JavaScript stays within its budget (decision 0030).
      const { browserSupportsWebAuthn, startRegistration } = await import("@simplewebauthn/browser");
      if (!browserSupportsWebAuthn()) return setFeedback({ formError: t("unsupported") });
      const options = await passkeyOptionsAction(undefined, { name });
      if (!options.ok) return setFeedback({ formError: options.formError, nameErrors: nameErrorsOf(options.fieldErrors) });
      let response;
      try {
        response = await startRegistration({ optionsJSON: options.data.options });
      } catch {
        // Cancelled, timed out, or an authenticator that already holds one of this user's passkeys.
        return setFeedback({ formError: t("cancelled") });
      }
      const registered = await passkeyRegisterAction(undefined, { name, response });
      if (!registered.ok) return setFeedback({ formError: firstError(registered) });
      form.current?.reset();
      setFeedback({ status: t("addedStatus", { name: isolate(registered.data.name) }) });
    });
  }

  return (
    <form
      ref={form}
      noValidate
      className="space-y-3 rounded-md border border-slate-200 p-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (!pending) add(String(new FormData(event.currentTarget).get("name") ?? ""));
      }}
    >
      <TextField name="name" label={t("name")} hint={t("nameHint")} maxLength={PASSKEY_NAME_MAX_LENGTH} autoComplete="off" required errors={feedback.nameErrors} />
      <FormError message={feedback.formError} />
      <button
        type="submit"
        aria-disabled={pending || undefined}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-on-fill hover:bg-brand-700 aria-disabled:opacity-60"
      >
        {t("add")}
      </button>
      <p role="status" className="text-sm text-green-800">{feedback.status}</p>
    </form>
  );
}

/** The rename field of one passkey; its label names the passkey for assistive technology. */
export function RenamePasskeyForm({ passkey }: { passkey: { id: string; name: string } }) {
  const t = useTranslations("passkeys");
  const id = useId();
  const [state, formAction] = useActionState(passkeyRenameAction, undefined);
  const [submitted, setSubmitted] = useState(passkey.name);
  const failed = failureOf(state);
  const errors = failed?.fieldErrors?.name;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <form action={formAction} onSubmit={(event) => setSubmitted(String(new FormData(event.currentTarget).get("name") ?? ""))} className="space-y-1" noValidate>
      <input type="hidden" name="id" value={passkey.id} />
      <div className="flex items-center gap-2">
        <label htmlFor={id} className="sr-only">{t("renameLabel", { name: isolate(passkey.name) })}</label>
        <input
          id={id}
          name="name"
          required
          autoComplete="off"
          defaultValue={failed ? submitted : passkey.name}
          aria-invalid={errorId ? true : undefined}
          aria-describedby={errorId}
          className="w-56 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm aria-[invalid=true]:border-red-600"
        />
        <button type="submit" className="rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm hover:bg-slate-100">
          {t("rename")}
        </button>
      </div>
      {errorId && <p id={errorId} className="text-sm text-red-700">{errors!.join(" ")}</p>}
      <FormError message={failed?.formError} />
      {state?.ok && <p role="status" className="text-sm text-green-800">{t("renamedStatus", { name: isolate(state.data.name) })}</p>}
    </form>
  );
}

/** "Remove" opens a dialog that names the passkey; the removal is refused for the last factor under the account's policy. */
export function RemovePasskeyButton({ passkey }: { passkey: { id: string; name: string } }) {
  const t = useTranslations("passkeys");
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [state, formAction] = useActionState(passkeyRemoveAction, undefined);
  return (
    <>
      <button
        type="button"
        aria-describedby={`passkey-${passkey.id}`}
        onClick={() => openModal(dialog, cancel)}
        className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm text-red-800 hover:bg-red-50"
      >
        {t("remove")}
      </button>
      <ConfirmDialog
        dialogRef={dialog}
        cancelRef={cancel}
        title={t("removeTitle", { name: isolate(passkey.name) })}
        body={t("removeBody")}
        error={firstError(state)}
        cancelLabel={t("cancel")}
        confirmLabel={t("removeConfirm")}
        action={formAction}
        fields={{ id: passkey.id }}
      />
    </>
  );
}

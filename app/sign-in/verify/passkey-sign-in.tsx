"use client";

import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { browserSupportsWebAuthn, startAuthentication } from "@simplewebauthn/browser";
import { FormError } from "@/components/form-fields";
import { passkeyOptionsForSignInAction, passkeyVerifyAction } from "./passkey-actions";
import { firstError } from "@/lib/actions/result";

/**
 * The second step of sign-in with a passkey: "Use a passkey" asks the server for a challenge for
 * the pending user's passkeys, lets the browser sign it, and sends the answer; on success the
 * action signs the user in and redirects (the page changes), otherwise its message shows here.
 */
export function PasskeySignIn() {
  const t = useTranslations("passkeys.signIn");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();

  function signIn() {
    startTransition(async () => {
      setError(undefined);
      if (!browserSupportsWebAuthn()) return setError(t("unsupported"));
      const options = await passkeyOptionsForSignInAction(undefined, {});
      if (!options.ok) return setError(firstError(options));
      let response;
      try {
        response = await startAuthentication({ optionsJSON: options.data.options });
      } catch {
        return setError(t("cancelled"));
      }
      const verified = await passkeyVerifyAction(undefined, { response });
      if (!verified.ok) setError(firstError(verified));
    });
  }

  return (
    <div className="space-y-3">
      <FormError message={error} />
      <button
        type="button"
        aria-disabled={pending || undefined}
        onClick={() => !pending && signIn()}
        className="w-full rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100 aria-disabled:opacity-60"
      >
        {t("use")}
      </button>
    </div>
  );
}

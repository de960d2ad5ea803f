"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { button } from "@/components/button-styles";
import { TextField } from "@/components/form-fields";
import { useHydrated } from "@/components/use-hydrated";

/**
 * A token's secret just created, shown this once in a read-only field (only its digest is
 * stored), with Copy once the page's JavaScript runs; without it the field can be selected.
 */
export function TokenShown({ secret }: { secret: string }) {
  const t = useTranslations("apiTokens");
  const hydrated = useHydrated();
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <div className="max-w-2xl space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3">
      <p className="text-sm font-medium text-amber-950">{t("secretNote")}</p>
      <div className="flex flex-wrap items-end gap-2">
        <TextField name="token" label={t("secret")} value={secret} readOnly dir="ltr" autoComplete="off" spellCheck={false}
          onFocus={(event) => event.currentTarget.select()} className="min-w-0 flex-1 font-mono" />
        {hydrated && <button type="button" onClick={copy} className={button.secondary}>{t("copy")}</button>}
      </div>
      <p role="status" className="text-sm text-amber-950">{copied === "yes" ? t("copied") : copied === "failed" ? t("copyFailed") : ""}</p>
    </div>
  );
}

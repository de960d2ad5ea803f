"use client";

import { useTranslations } from "next-intl";
import { button } from "@/components/button-styles";

/**
 * A page that failed while rendering (the database unreachable for a moment, say): a message and a
 * way to try again, inside the app's layout, instead of the framework's blank error screen.
 */
export default function PageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("pageError");
  return (
    <main className="mx-auto max-w-lg px-6 py-10 text-center break-anywhere">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-slate-600">{t("body")}</p>
      <button type="button" onClick={reset} className={`${button.primary} mt-6`}>
        {t("retry")}
      </button>
    </main>
  );
}

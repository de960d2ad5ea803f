"use client";

import { useActionState, useRef } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/result";
import { THEMES, type Theme } from "@/lib/theme/themes";
import { button } from "./button-styles";

type ThemeAction = (previous: unknown, input: FormData) => Promise<ActionResult<{ theme: Theme }>>;
const LABELS = { system: "themeSystem", light: "themeLight", dark: "themeDark" } as const;

/**
 * System / Light / Dark as a radio group; applied at once with JavaScript, by its button without.
 * `icons`: each theme's icon, rendered on the server (no icon code in every page's JavaScript).
 */
export function ThemeSelect({ action, current, icons }: { action: ThemeAction; current: Theme; icons: Record<Theme, React.ReactNode> }) {
  const t = useTranslations("userMenu");
  const form = useRef<HTMLFormElement>(null);
  const [, formAction] = useActionState(action, undefined);

  function choose(theme: Theme) {
    if (theme === "system") delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
    form.current?.requestSubmit();
  }

  return (
    <form ref={form} action={formAction}>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t("theme")}</legend>
        <div className="mt-1 grid grid-cols-3 gap-1 rounded-md border border-slate-300 p-1">
          {THEMES.map((theme) => {
            return (
              <label key={theme} className="flex cursor-pointer items-center justify-center gap-1 rounded px-2 py-1.5 text-xs font-medium text-slate-800 hover:bg-slate-100 has-checked:bg-brand-50 has-checked:text-brand-700 has-focus-visible:outline-2 has-focus-visible:outline-brand-600">
                <input type="radio" name="theme" value={theme} defaultChecked={theme === current} onChange={() => choose(theme)} className="sr-only" />
                {icons[theme]}
                {t(LABELS[theme])}
              </label>
            );
          })}
        </div>
      </fieldset>
      <noscript>
        <button type="submit" className={`${button.secondary} ${button.small} mt-2`}>{t("applyTheme")}</button>
      </noscript>
    </form>
  );
}

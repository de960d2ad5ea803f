"use client";

import { useEffect, useRef } from "react";
import { Toaster as Sonner, toast } from "sonner";

/**
 * The page's toasts: a polite live region (announced by screen readers), bottom-centre on phones,
 * bottom-right on wider screens, following the theme. Rendered once, in the root layout.
 */
export function Toaster({ label, theme }: { label: string; theme: "system" | "light" | "dark" }) {
  return <Sonner containerAriaLabel={label} position="bottom-right" theme={theme} richColors closeButton={false} duration={5000} />;
}

/**
 * Shows `message` as a toast each time the action answers with success (a new state object), and
 * nothing before the first answer. Keep the inline status near the control as well: the toast is
 * for a page scrolled away from it.
 */
export function useSuccessToast(state: { ok: boolean } | undefined, message: string | undefined) {
  const shown = useRef<unknown>(undefined);
  useEffect(() => {
    if (!state?.ok || !message || shown.current === state) return;
    shown.current = state;
    toast.success(message);
  }, [state, message]);
}

export { toast };

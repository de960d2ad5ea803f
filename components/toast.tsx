"use client";

import { lazy, Suspense, useEffect, useRef, useSyncExternalStore } from "react";

type SonnerModule = typeof import("sonner");

let loading: Promise<SonnerModule> | undefined;
/**
 * The toast library (sonner, about 9 kB gzip) loads on the page's first click or key press, or its
 * first toast, not with every page (decision 0030).
 */
function loadSonner(): Promise<SonnerModule> {
  loading ??= import("sonner").catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

// Whether the toaster is mounted yet: from the first interaction or the first toast on.
let wanted = false;
const listeners = new Set<() => void>();
function want() {
  if (wanted) return;
  wanted = true;
  for (const listener of listeners) listener();
}
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

const Sonner = lazy(() => loadSonner().then((module) => ({ default: module.Toaster })));

/**
 * The page's toasts: a polite live region (announced by screen readers), bottom-centre on phones,
 * bottom-right on wider screens, following the theme. Rendered once, in the root layout. The live
 * region is there from the first click or key press, before any action can answer with a toast; a
 * toast that comes first (a page opened with a result to show) mounts it, and sonner adds the toast
 * once the region is in place.
 */
export function Toaster({ label, theme }: { label: string; theme: "system" | "light" | "dark" }) {
  const mounted = useSyncExternalStore(subscribe, () => wanted, () => false);
  useEffect(() => {
    if (wanted) return;
    const first = () => want();
    const options = { capture: true, once: true, passive: true };
    window.addEventListener("pointerdown", first, options);
    window.addEventListener("keydown", first, options);
    return () => {
      window.removeEventListener("pointerdown", first, options);
      window.removeEventListener("keydown", first, options);
    };
  }, []);
  if (!mounted) return null;
  return (
    <Suspense fallback={null}>
      <Sonner containerAriaLabel={label} position="bottom-right" theme={theme} richColors closeButton={false} duration={5000} />
    </Suspense>
  );
}

/** Shows a success toast (the toaster and its library load first if they haven't yet). */
export const toast = {
  success(message: string) {
    want();
    void loadSonner().then((module) => module.toast.success(message));
  },
};

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

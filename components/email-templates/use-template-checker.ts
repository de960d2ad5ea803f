"use client";

import { useEffect, useState } from "react";

export type TemplateChecker = typeof import("./template-checker");

let loading: Promise<TemplateChecker> | undefined;
let loaded: TemplateChecker | undefined;

/** Loads the checker once for the whole page; a failed load is tried again next time. */
export function loadTemplateChecker(): Promise<TemplateChecker> {
  loading ??= import("./template-checker").then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The checker once it has loaded (right after the editor shows), null until then. */
export function useTemplateChecker(): TemplateChecker | null {
  const [checker, setChecker] = useState<TemplateChecker | null>(() => loaded ?? null);
  useEffect(() => {
    if (checker) return;
    let live = true;
    loadTemplateChecker().then(
      (module) => live && setChecker(() => module),
      () => undefined, // offline: the editor keeps working without its live check and preview; the server still checks
    );
    return () => {
      live = false;
    };
  }, [checker]);
  return checker;
}

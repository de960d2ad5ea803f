"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

/** False in the server render and during hydration, true once this page's JavaScript runs. */
export function useHydrated(): boolean {
  return useSyncExternalStore(subscribe, () => true, () => false);
}

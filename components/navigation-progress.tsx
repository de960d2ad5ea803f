"use client";

import { useEffect, useState } from "react";
import { usePathname, useSearchParams } from "next/navigation";

/**
 * A thin bar at the top of the window while the next page loads: started by a click on a link to
 * another page of the app, or by a GET form, and ended when the address changes. On a fast
 * answer it never shows (it fades in after 150 ms).
 */
export function NavigationProgress({ label }: { label: string }) {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const [active, setActive] = useState(false);

  useEffect(() => setActive(false), [pathname, search]);

  useEffect(() => {
    // Capture phase: before next/link's own handler takes the click over.
    const onClick = (event: MouseEvent) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element | null)?.closest?.("a");
      if (!link || link.target || link.hasAttribute("download")) return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin || url.hash || (url.pathname === window.location.pathname && url.search === window.location.search)) return;
      setActive(true);
    };
    // A GET form the browser submits itself (React's action forms and next/form prevent that).
    const onSubmit = (event: SubmitEvent) => {
      if (!event.defaultPrevented && (event.target as HTMLFormElement).method === "get") setActive(true);
    };
    document.addEventListener("click", onClick, true);
    document.addEventListener("submit", onSubmit);
    return () => {
      document.removeEventListener("click", onClick, true);
      document.removeEventListener("submit", onSubmit);
    };
  }, []);

  if (!active) return null;
  return (
    <div role="progressbar" aria-label={label} className="navigation-progress fixed inset-x-0 top-0 z-[60] h-1 overflow-hidden">
      <div className="h-full w-1/3 bg-brand-600" />
    </div>
  );
}

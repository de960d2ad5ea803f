"use client";

import { useEffect, useRef } from "react";
import { usePathname } from "next/navigation";

/**
 * A <details> menu that works without JavaScript and, with it, closes like a menu: on Escape
 * (focus back on its button), on a click outside, and after a navigation.
 */
export function MenuDisclosure({ summary, summaryLabel, className, children }: {
  summary: React.ReactNode;
  summaryLabel: string;
  className?: string;
  children: React.ReactNode;
}) {
  const details = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();

  useEffect(() => {
    if (details.current) details.current.open = false;
  }, [pathname]);

  useEffect(() => {
    const close = (event: Event) => {
      const element = details.current;
      if (!element?.open) return;
      if (event instanceof KeyboardEvent) {
        if (event.key !== "Escape") return;
        element.open = false;
        element.querySelector("summary")?.focus();
      } else if (!element.contains(event.target as Node)) {
        element.open = false;
      }
    };
    document.addEventListener("keydown", close);
    document.addEventListener("pointerdown", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("pointerdown", close);
    };
  }, []);

  return (
    <details ref={details} className={`group relative ${className ?? ""}`}>
      <summary aria-label={summaryLabel} className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
        {summary}
      </summary>
      <div className="absolute right-0 z-30 mt-1 w-72 max-w-[calc(100vw-1rem)] space-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-lg">
        {children}
      </div>
    </details>
  );
}

import type { ReactNode } from "react";

/**
 * A table that may be wider than the screen scrolls inside its own region, never the page. The
 * region is focusable and named so keyboard users can scroll it (axe: scrollable-region-focusable).
 * With `stickyFirstColumn`, the first cell of every row stays in view while the rest scrolls
 * (cells need a background: `bg-white` on td/th is enough). `relative`: visually hidden text in a
 * cell (sr-only is absolutely positioned) stays inside the region instead of widening the page.
 */
export function TableRegion({ label, stickyFirstColumn = false, children }: { label: string; stickyFirstColumn?: boolean; children: ReactNode }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={`relative max-w-full overflow-x-auto rounded-md border border-slate-200 focus-visible:outline-2 focus-visible:outline-brand-600 ${stickyFirstColumn ? "table-sticky-first" : ""}`}
    >
      {children}
    </div>
  );
}

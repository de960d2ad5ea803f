"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export interface NavSection {
  label?: string;
  /** `icon`: rendered on the server (components/nav-icon.tsx), so no icon code ships to the browser. */
  items: { href: string; icon: React.ReactNode; label: string }[];
}

/** The navigation's sections; the sidebar on wide screens and the drawer on narrow ones both show it. */
export function AppNav({ label, sections, onNavigate }: { label: string; sections: NavSection[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="space-y-5 p-3 text-sm">
      {sections.map((section, index) => (
        <div key={section.label ?? index}>
          {section.label && <p className="mb-1 px-2 text-xs font-semibold uppercase tracking-wide text-slate-600">{section.label}</p>}
          <ul className="space-y-0.5">
            {section.items.map((item) => {
              const current = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    onClick={onNavigate}
                    aria-current={current ? "page" : undefined}
                    className="flex items-center gap-2.5 rounded-md px-2 py-2 font-medium text-slate-800 hover:bg-slate-100 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-700"
                  >
                    {item.icon}
                    <span className="min-w-0 truncate">{item.label}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}

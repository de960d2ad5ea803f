"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

interface Section {
  label?: string;
  items: { href: string; label: string }[];
}

export function AppNav({ label, sections }: { label: string; sections: Section[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="w-56 shrink-0 border-r border-slate-200 bg-white p-4 text-sm min-h-[calc(100vh-57px)]">
      {sections.map((section, index) => (
        <div key={section.label ?? index} className="mb-4">
          {section.label && <p className="mb-1 px-2 text-xs font-semibold uppercase tracking-wide text-slate-600">{section.label}</p>}
          <ul>
            {section.items.map((item) => {
              const current = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={current ? "page" : undefined}
                    className="block rounded px-2 py-1.5 text-slate-800 hover:bg-slate-100 aria-[current=page]:bg-brand-600 aria-[current=page]:text-on-fill"
                  >
                    {item.label}
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

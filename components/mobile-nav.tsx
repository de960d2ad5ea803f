"use client";

import { useEffect, useId, useRef } from "react";
import { AppNav, type NavSection } from "./app-nav";

/**
 * Below the `lg` breakpoint: a menu button opening the navigation as a drawer from the left. A
 * native modal <dialog> (decision 0023): the page behind is inert, Escape and a click beside the
 * drawer close it, focus returns to the menu button — without a dialog library in every page's
 * JavaScript (first-load JS per route, `npm run bench`).
 */
export function MobileNav({ title, label, sections, labels, icons }: {
  title: string;
  label: string;
  sections: NavSection[];
  labels: { open: string; close: string };
  /** The buttons' icons, rendered on the server (no icon code in every page's JavaScript). */
  icons: { open: React.ReactNode; close: React.ReactNode };
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const close = () => dialog.current?.close();
  // Wider than the breakpoint the drawer is hidden: a modal one left open would make the page inert.
  useEffect(() => {
    const wide = window.matchMedia("(min-width: 64rem)");
    const onChange = () => wide.matches && dialog.current?.close();
    wide.addEventListener("change", onChange);
    return () => wide.removeEventListener("change", onChange);
  }, []);
  return (
    <>
      <button
        ref={trigger}
        type="button"
        aria-haspopup="dialog"
        aria-label={labels.open}
        onClick={() => dialog.current?.showModal()}
        className="inline-flex size-9 items-center justify-center rounded-md text-slate-800 hover:bg-slate-100 lg:hidden"
      >
        {icons.open}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onClose={() => trigger.current?.focus()}
        // A click on the backdrop is a click on the <dialog> itself (its content covers the drawer).
        onClick={(event) => event.target === event.currentTarget && close()}
        className="fixed inset-y-0 left-0 m-0 h-full max-h-none w-72 max-w-[85vw] border-r border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/40 lg:hidden"
      >
        <div className="flex h-full flex-col overflow-y-auto">
          <div className="flex h-14 shrink-0 items-center justify-between border-b border-slate-200 px-4">
            <h2 id={titleId} className="font-semibold text-brand-700">{title}</h2>
            <button type="button" onClick={close} className="inline-flex size-9 items-center justify-center rounded-md hover:bg-slate-100" aria-label={labels.close}>
              {icons.close}
            </button>
          </div>
          <AppNav label={label} sections={sections} onNavigate={close} />
        </div>
      </dialog>
    </>
  );
}

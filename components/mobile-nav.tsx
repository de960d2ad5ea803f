"use client";

import { useState } from "react";
import * as Dialog from "@radix-ui/react-dialog";
import { Menu, X } from "lucide-react";
import { AppNav, type NavSection } from "./app-nav";

/** Below the `lg` breakpoint: a menu button opening the navigation as a drawer from the left. */
export function MobileNav({ title, label, sections, labels }: {
  title: string;
  label: string;
  sections: NavSection[];
  labels: { open: string; close: string };
}) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger className="inline-flex size-9 items-center justify-center rounded-md text-slate-800 hover:bg-slate-100 lg:hidden" aria-label={labels.open}>
        <Menu className="size-5" aria-hidden />
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-950/40 lg:hidden" />
        <Dialog.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col overflow-y-auto border-r border-slate-200 bg-white shadow-xl lg:hidden"
        >
          <div className="flex h-14 items-center justify-between border-b border-slate-200 px-4">
            <Dialog.Title className="font-semibold text-brand-700">{title}</Dialog.Title>
            <Dialog.Close className="inline-flex size-9 items-center justify-center rounded-md hover:bg-slate-100" aria-label={labels.close}>
              <X className="size-5" aria-hidden />
            </Dialog.Close>
          </div>
          <AppNav label={label} sections={sections} onNavigate={() => setOpen(false)} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

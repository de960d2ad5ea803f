"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { flushSync } from "react-dom";
import { button } from "@/components/button-styles";
import type { Operation } from "@/lib/users/bulk-operations";

/**
 * A row's "More" menu: a menu button and a native popover (decision 0030: no menu library in the
 * users page's JavaScript). The list is in the top layer, so no table region clips it; a click
 * outside closes it. Enter, Space or ArrowDown open it on its first item; arrow keys, Home, End and
 * a letter move; Escape closes it and returns to the button; Tab closes it and moves on. Choosing
 * an action focuses the button again before the action's dialog opens, so closing the dialog comes
 * back to this row.
 */
export function RowMenu({ label, icon, operations, labelOf, iconOf, onChoose }: {
  label: string;
  icon: React.ReactNode;
  operations: Operation[];
  labelOf: (operation: Operation) => string;
  iconOf: (operation: Operation) => React.ReactNode;
  onChoose: (operation: Operation) => void;
}) {
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const id = useId();

  // While open, the list follows its button when the page or the table region scrolls.
  useEffect(() => {
    if (!open) return;
    const follow = () => place(menu.current, trigger.current);
    window.addEventListener("scroll", follow, true);
    window.addEventListener("resize", follow);
    return () => {
      window.removeEventListener("scroll", follow, true);
      window.removeEventListener("resize", follow);
    };
  }, [open]);

  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];
  /**
   * Opens the list (its items rendered and placed before it is painted) and focuses its first item,
   * or the list itself after a pointer click.
   */
  const show = (focus: "first" | "list") => {
    const list = menu.current;
    if (!list) return;
    flushSync(() => setOpen(true));
    if (!list.matches(":popover-open")) list.showPopover();
    place(list, trigger.current);
    (focus === "first" ? items()[0] : list)?.focus();
  };
  const close = () => {
    menu.current?.hidePopover();
    trigger.current?.focus();
  };

  const onTriggerKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== "Enter" && event.key !== " " && event.key !== "ArrowDown") return;
    event.preventDefault(); // no click, and no move to the next row (the table's arrow keys)
    if (open && event.key !== "ArrowDown") menu.current?.hidePopover();
    else show("first");
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    let to: number | undefined;
    if (event.key === "ArrowDown") to = at < 0 ? 0 : Math.min(at + 1, list.length - 1);
    else if (event.key === "ArrowUp") to = at < 0 ? list.length - 1 : Math.max(at - 1, 0);
    else if (event.key === "Home" || event.key === "PageUp") to = 0;
    else if (event.key === "End" || event.key === "PageDown") to = list.length - 1;
    else if (event.key === "Escape") {
      event.preventDefault();
      return close();
    } else if (event.key === "Tab") {
      return close(); // not prevented: the browser moves on from the button
    } else if (event.key.length === 1 && event.key !== " " && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // A letter: the next item whose label starts with it.
      const letter = event.key.toLocaleLowerCase();
      const next = [...list.slice(at + 1), ...list.slice(0, at + 1)].find((item) => item.textContent?.trim().toLocaleLowerCase().startsWith(letter));
      if (next) to = list.indexOf(next);
    }
    if (to === undefined) return;
    event.preventDefault();
    list[to]?.focus();
  };

  return (
    <>
      <button
        ref={trigger}
        id={`${id}-button`}
        type="button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        // Without JavaScript the browser opens the list itself; with it, the handlers below do.
        popoverTarget={`${id}-menu`}
        data-row-control="more"
        onKeyDown={onTriggerKeyDown}
        onClick={(event) => {
          event.preventDefault();
          if (open) menu.current?.hidePopover();
          else show("list");
        }}
        className={`${button.ghost} aria-expanded:bg-slate-100`}
      >
        {icon}
      </button>
      <div
        ref={menu}
        id={`${id}-menu`}
        popover="auto"
        role="menu"
        aria-labelledby={`${id}-button`}
        tabIndex={-1}
        onToggle={(event) => setOpen(event.newState === "open")}
        onKeyDown={onMenuKeyDown}
        className="m-0 min-w-48 overflow-y-auto rounded-md border border-slate-300 bg-white p-1 text-slate-900 shadow-lg outline-none"
      >
        {/* Items only while open: not rendered into every row of the page. */}
        {open && operations.map((operation) => (
          <button
            key={operation}
            type="button"
            role="menuitem"
            tabIndex={-1}
            onPointerMove={(event) => event.currentTarget.focus()}
            onPointerLeave={() => menu.current?.focus()}
            onClick={() => {
              close();
              onChoose(operation);
            }}
            className={`flex w-full cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-left text-sm outline-none focus:bg-slate-100 ${operation === "delete" ? "text-red-800" : ""}`}
          >
            {iconOf(operation)}
            {labelOf(operation)}
          </button>
        ))}
      </div>
    </>
  );
}

/**
 * Places the open list under its button, right edges aligned (above the button when there is more
 * room there and not enough below), never outside the viewport; it scrolls inside when too tall.
 */
function place(list: HTMLElement | null, trigger: HTMLElement | null) {
  if (!list || !trigger || !list.matches(":popover-open")) return;
  const GAP = 4;
  const MARGIN = 8;
  const { clientWidth: width, clientHeight: height } = document.documentElement;
  const anchor = trigger.getBoundingClientRect();
  const below = height - anchor.bottom - GAP - MARGIN;
  const above = anchor.top - GAP - MARGIN;
  const up = list.scrollHeight + list.offsetHeight - list.clientHeight > below && above > below;
  list.style.inset = "auto";
  list.style.maxHeight = `${Math.max(up ? above : below, 0)}px`;
  if (up) list.style.bottom = `${height - anchor.top + GAP}px`;
  else list.style.top = `${anchor.bottom + GAP}px`;
  list.style.right = `${Math.max(MARGIN, Math.min(width - anchor.right, width - MARGIN - list.offsetWidth))}px`;
}

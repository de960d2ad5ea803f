"use client";

import { useRef } from "react";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { MoreHorizontal } from "lucide-react";
import { button } from "@/components/button-styles";
import type { Operation } from "@/lib/users/bulk-operations";
import { OperationIcon } from "./operation-icon";

/**
 * A row's "More" menu (Radix: arrow keys move, Escape closes and returns to the button, the list is
 * portalled so no table region clips it). Choosing an action focuses the button again before the
 * action's dialog opens, so closing the dialog comes back to this row.
 */
export function RowMenu({ label, operations, labelOf, onChoose }: {
  label: string;
  operations: Operation[];
  labelOf: (operation: Operation) => string;
  onChoose: (operation: Operation) => void;
}) {
  const trigger = useRef<HTMLButtonElement>(null);
  const chosen = useRef<Operation | null>(null);
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger ref={trigger} aria-label={label} data-row-control="more" className={`${button.ghost} data-[state=open]:bg-slate-100`}>
        <MoreHorizontal className="size-4" aria-hidden />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={4}
          collisionPadding={8}
          className="z-40 min-w-48 rounded-md border border-slate-300 bg-white p-1 text-slate-900 shadow-lg"
          onCloseAutoFocus={(event) => {
            const operation = chosen.current;
            if (!operation) return;
            event.preventDefault();
            chosen.current = null;
            trigger.current?.focus();
            onChoose(operation);
          }}
        >
          {operations.map((operation) => (
            <DropdownMenu.Item
              key={operation}
              onSelect={() => { chosen.current = operation; }}
              className={`flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100 ${operation === "delete" ? "text-red-800" : ""}`}
            >
              <OperationIcon operation={operation} />
              {labelOf(operation)}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

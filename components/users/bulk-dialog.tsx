"use client";

import { lazy, Suspense, type RefObject } from "react";
import { useTranslations } from "next-intl";
import type { Operation } from "@/lib/users/bulk-operations";
import { DIALOG_CLASS } from "../confirm-dialog";
import { toast } from "../toast";
import type { BulkFormProps } from "./bulk-action-form";

// The form and its server actions load when an action is first chosen, not with the page (decision 0030).
const BulkForm = lazy(() => import("./bulk-action-form").then((module) => ({ default: module.BulkForm })));

/**
 * The dialog of a bulk (or one row's) action, centred in the viewport. On success its message is
 * shown as a toast and handed to `onDone` for the inline status; then the dialog closes. While the
 * form loads, the dialog shows its title.
 */
export function BulkDialog({ dialogRef, onClosed, ...props }: Omit<BulkFormProps, "onCancel" | "operation"> & {
  dialogRef: RefObject<HTMLDialogElement | null>;
  operation: Operation | null;
  onClosed: () => void;
}) {
  const { operation } = props;
  return (
    <dialog ref={dialogRef} aria-labelledby="bulk-dialog-title" onClose={onClosed} className={DIALOG_CLASS}>
      {operation && (
        <Suspense fallback={<BulkDialogTitle operation={operation} name={props.name} count={props.count} />}>
          <BulkForm
            {...props}
            operation={operation}
            onDone={(message) => {
              toast.success(message);
              props.onDone(message);
              dialogRef.current?.close();
            }}
            onCancel={() => dialogRef.current?.close()}
          />
        </Suspense>
      )}
    </dialog>
  );
}

/** The dialog's title: the action, or "Add products to Milo Tester" for the product actions. */
export function BulkDialogTitle({ operation, name, count }: { operation: Operation; name?: string; count: number }) {
  const t = useTranslations("users");
  return (
    <h2 id="bulk-dialog-title" className="break-anywhere text-lg font-semibold">
      {operation === "addProducts" || operation === "removeProducts"
        ? t(`dialogTitle.${operation}`, { subject: name ?? t("count", { count }) })
        : t(`ops.${operation}`)}
    </h2>
  );
}

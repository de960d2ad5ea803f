"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { createPortal } from "react-dom";
import { useTranslations } from "next-intl";
import type { Operation } from "@/lib/users/bulk-operations";
import { button } from "../button-styles";
import { useHydrated } from "../use-hydrated";
import type { Product } from "./bulk-action-form";
import { BulkDialog } from "./bulk-dialog";

/**
 * "Add Remote Support" (or any product) for one user, from where it is missing: opens the Add
 * products dialog with the product chosen. Without JavaScript, a link to the Products tab.
 */
export function AddProductsButton({ user, product, products, fallbackHref, icon }: {
  user: { id: string; name: string };
  /** Rendered on the server: no icon code in the page's JavaScript (decision 0030). */
  icon: React.ReactNode;
  product: { code: string; name: string };
  products: Product[];
  fallbackHref: string;
}) {
  const t = useTranslations("userProducts");
  const dialog = useRef<HTMLDialogElement>(null);
  const [operation, setOperation] = useState<Operation | null>(null);
  const hydrated = useHydrated();
  const label = (
    <>
      {icon}
      {t("add", { product: product.name })}
    </>
  );
  if (!hydrated) return <Link href={fallbackHref} className={`${button.primary} ${button.small}`}>{label}</Link>;
  return (
    <>
      <button type="button" className={`${button.primary} ${button.small}`} onClick={() => { setOperation("addProducts"); dialog.current?.showModal(); }}>
        {label}
      </button>
      {/* Portalled: the button may sit inside another form (the capability switches). */}
      {createPortal(<BulkDialog
        dialogRef={dialog}
        operation={operation}
        onClosed={() => setOperation(null)}
        count={1}
        name={user.name}
        productCode={product.code}
        selection={{ mode: "ids", ids: [user.id] }}
        roles={[]}
        groups={[]}
        products={products}
        onDone={() => undefined}
      />, document.body)}
    </>
  );
}

"use client";

import { useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/result";
import { button } from "../button-styles";
import { FormError } from "../form-fields";
import { TableRegion } from "../table-region";
import { toast } from "../toast";

type ProductAction = (previous: unknown, input: Record<string, unknown>) => Promise<ActionResult<{ changed: number; unchanged: number; seatsLeft: number }>>;

interface Product {
  code: string;
  name: string;
  seatsPurchased: number;
  seatsLeft: number;
  /** Whether this user has it. */
  assigned: boolean;
}

interface Props {
  userId: string;
  products: Product[];
  /** Present when the viewer may assign licences; without them the tab is read-only. */
  actions?: { add: ProductAction; remove: ProductAction };
  /** The Add and Remove buttons' icons, rendered on the server (no icon code in the page's JavaScript). */
  icons: { add: React.ReactNode; remove: React.ReactNode };
}

/** The Products tab: each of the account's products, whether this user has it, and the seats left. */
export function UserProducts({ userId, products, actions, icons }: Props) {
  const t = useTranslations("userProducts");
  const id = useId();
  const [notify, setNotify] = useState(true);
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ message?: string; error?: string }>({});

  const change = (product: Product) => {
    if (pending || !actions) return;
    const run = product.assigned ? actions.remove : actions.add;
    startTransition(async () => {
      const outcome = await run(undefined, { selection: { mode: "ids", ids: [userId] }, expectedCount: 1, productCode: product.code, notify });
      const message = outcome.ok ? t(product.assigned ? "removed" : "added", { product: product.name }) : undefined;
      if (message) toast.success(message);
      setResult(message ? { message } : { error: outcome.ok ? undefined : outcome.formError ?? Object.values(outcome.fieldErrors ?? {}).flat()[0] });
    });
  };

  if (products.length === 0) return <p className="text-slate-600">{t("none")}</p>;
  return (
    <div className="max-w-3xl space-y-4">
      {!actions && <p className="rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm text-slate-800">{t("readOnly")}</p>}
      {actions && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={notify} onChange={(event) => setNotify(event.currentTarget.checked)} />
          {t("notify")}
        </label>
      )}
      <FormError message={result.error} />
      {result.message && <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">{result.message}</p>}
      <TableRegion label={t("tableRegion")}>
      <table className="w-full border-collapse bg-white text-sm">
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">{t("product")}</th>
            <th scope="col" className="px-3 py-2">{t("thisUser")}</th>
            <th scope="col" className="px-3 py-2">{t("seats")}</th>
            {actions && <th scope="col" className="px-3 py-2">{t("actions")}</th>}
          </tr>
        </thead>
        <tbody>
          {products.map((product) => {
            const full = !product.assigned && product.seatsLeft <= 0;
            const reasonId = `${id}-${product.code}-reason`;
            return (
              <tr key={product.code} className="border-t border-slate-200 align-top">
                <th scope="row" className="px-3 py-2 text-left font-medium">{product.name}</th>
                <td className="px-3 py-2">{t(product.assigned ? "assigned" : "notAssigned")}</td>
                <td className="px-3 py-2">{t("seatsLeft", { left: Math.max(product.seatsLeft, 0), purchased: product.seatsPurchased })}</td>
                {actions && (
                  <td className="px-3 py-2">
                    <button type="button" disabled={full} aria-disabled={pending || undefined} aria-describedby={full ? reasonId : undefined}
                      onClick={() => change(product)}
                      className={`${product.assigned ? button.secondary : button.primary} ${button.small}`}>
                      {product.assigned ? icons.remove : icons.add}
                      {t(product.assigned ? "remove" : "add", { product: product.name })}
                    </button>
                    {full && <p id={reasonId} className="mt-1 text-xs text-slate-700">{t("noSeats", { product: product.name })}</p>}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      </TableRegion>
    </div>
  );
}

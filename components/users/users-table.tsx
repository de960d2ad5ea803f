"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { UserFilters } from "@/lib/users/list-params";
import { useHydrated } from "../use-hydrated";
import { BulkForm, type Operation, type Product } from "./bulk-action-form";

interface Row {
  id: string;
  name: string;
  email: string;
  role: string;
  status: string;
  statusLabel: string;
  products: string;
  group: string;
  added: string;
  /** "On" or "Off", localized. */
  twoStep: string;
}

interface Header {
  label: string;
  href: string;
  sort?: "ascending" | "descending";
}

const PRODUCT_OPERATIONS: Operation[] = ["addProducts", "removeProducts"];
const USER_OPERATIONS: Operation[] = ["changeRole", "changeGroup", "suspend", "reactivate", "delete"];


interface Props {
  rows: Row[];
  total: number;
  filters: UserFilters;
  canManage: boolean;
  canAssign: boolean;
  canResend: boolean;
  products: Product[];
  assignableRoles: { value: string; label: string }[];
  groups: { id: string; name: string }[];
  headers: { name: Header; email: Header; created: Header };
}

/** The users table with row selection, "select all matching" and the bulk-action bar. */
export function UsersTable({ rows, total, filters, canManage, canAssign, canResend, products, assignableRoles, groups, headers }: Props) {
  const t = useTranslations("users");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [operation, setOperation] = useState<Operation | null>(null);
  const [result, setResult] = useState<{ message?: string; error?: string }>({});
  const dialog = useRef<HTMLDialogElement>(null);
  // Selection needs JavaScript: the boxes stay disabled until it runs, so a click is never lost.
  const hydrated = useHydrated();

  const count = allMatching ? total : selected.size;
  const pageSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: string) => {
    setAllMatching(false);
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  const togglePage = () => {
    setAllMatching(false);
    setSelected(pageSelected ? new Set() : new Set(rows.map((r) => r.id)));
  };
  const clear = () => {
    setSelected(new Set());
    setAllMatching(false);
  };
  const open = (op: Operation) => {
    setResult({});
    setOperation(op);
    dialog.current?.showModal();
  };
  /** The per-row "More" menu acts on that row alone. */
  const openFor = (id: string, op: Operation) => {
    setAllMatching(false);
    setSelected(new Set([id]));
    open(op);
  };
  const operations: Operation[] = [
    ...(canAssign ? [...PRODUCT_OPERATIONS, "editCapabilities" as const] : []),
    ...(canResend ? ["resendInvitation" as const] : []),
    ...(canManage ? USER_OPERATIONS : []),
  ];
  const selectable = operations.length > 0;

  return (
    <div className="space-y-3">
      {selectable && count > 0 && (
        <div role="toolbar" aria-label={t("bulkActions")} className="flex flex-wrap items-center gap-2 rounded-md border border-brand-600 bg-white p-2">
          <span className="px-2 text-sm font-medium">{t("selectedCount", { count })}</span>
          {operations.map((op) => (
            <button key={op} type="button" onClick={() => open(op)}
              className={`rounded-md border px-3 py-1.5 text-sm ${op === "delete" ? "border-red-700 text-red-800 hover:bg-red-50" : "border-slate-400 hover:bg-slate-100"}`}>
              {t(`ops.${op}`)}
            </button>
          ))}
          <button type="button" onClick={clear} className="px-2 py-1.5 text-sm text-brand-700 underline">{t("clearSelection")}</button>
        </div>
      )}
      {selectable && pageSelected && !allMatching && total > rows.length && (
        <p className="text-sm">
          {t("pageSelected", { count: rows.length })}{" "}
          <button type="button" onClick={() => setAllMatching(true)} className="text-brand-700 underline">{t("selectAllMatching", { count: total })}</button>
        </p>
      )}
      {result.message && <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">{result.message}</p>}

      <div className="overflow-x-auto">
        <table className="w-full border-collapse bg-white text-sm">
          <caption className="sr-only">{t("title")}</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              {selectable && (
                <th scope="col" className="w-10 px-3 py-2">
                  <input type="checkbox" checked={pageSelected} onChange={togglePage} disabled={!hydrated} aria-label={t("selectPage")} />
                </th>
              )}
              <SortHeader header={headers.name} />
              <SortHeader header={headers.email} />
              <th scope="col" className="px-3 py-2">{t("role")}</th>
              <th scope="col" className="px-3 py-2">{t("status")}</th>
              <th scope="col" className="px-3 py-2">{t("products")}</th>
              <th scope="col" className="px-3 py-2">{t("group")}</th>
              <th scope="col" className="px-3 py-2">{t("twoStep")}</th>
              <SortHeader header={headers.created} />
              {canAssign && <th scope="col" className="px-3 py-2"><span className="sr-only">{t("actions")}</span></th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-200">
                {selectable && (
                  <td className="px-3 py-2">
                    <input type="checkbox" checked={allMatching || selected.has(row.id)} onChange={() => toggle(row.id)} disabled={!hydrated} aria-label={t("selectUser", { name: row.name })} />
                  </td>
                )}
                <td className="px-3 py-2"><Link href={`/people/users/${row.id}`} prefetch={false} className="text-brand-700 underline">{row.name}</Link></td>
                <td className="px-3 py-2">{row.email}</td>
                <td className="px-3 py-2">{row.role}</td>
                <td className="px-3 py-2">{row.statusLabel}</td>
                <td className="px-3 py-2">{row.products || "—"}</td>
                <td className="px-3 py-2">{row.group || "—"}</td>
                <td className="px-3 py-2">{row.twoStep}</td>
                <td className="px-3 py-2 whitespace-nowrap">{row.added}</td>
                {canAssign && (
                  <td className="px-3 py-2">
                    <details className="relative">
                      <summary aria-label={t("moreFor", { name: row.name })} className="cursor-pointer list-none rounded px-2 py-1 hover:bg-slate-100">
                        {t("more")}
                      </summary>
                      <div className="absolute right-0 z-10 mt-1 flex w-44 flex-col rounded-md border border-slate-300 bg-white p-1 shadow">
                        {PRODUCT_OPERATIONS.map((op) => (
                          <button key={op} type="button" onClick={(e) => { e.currentTarget.closest("details")?.removeAttribute("open"); openFor(row.id, op); }}
                            className="rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100">
                            {t(`ops.${op}`)}
                          </button>
                        ))}
                      </div>
                    </details>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <dialog ref={dialog} aria-labelledby="bulk-dialog-title" onClose={() => setOperation(null)} className="m-auto w-full max-w-md rounded-lg p-0 backdrop:bg-slate-900/40">
        {operation && (
          <BulkForm
            operation={operation}
            count={count}
            selection={allMatching ? { mode: "matching", filters } : { mode: "ids", ids: [...selected] }}
            roles={assignableRoles}
            groups={groups}
            products={products}
            onDone={(message) => {
              setResult({ message });
              clear();
              dialog.current?.close();
            }}
            onCancel={() => dialog.current?.close()}
          />
        )}
      </dialog>
    </div>
  );
}

function SortHeader({ header }: { header: Header }) {
  return (
    <th scope="col" aria-sort={header.sort} className="px-3 py-2">
      <Link href={header.href} prefetch={false} className="underline decoration-dotted">
        {header.label}
        {header.sort && <span aria-hidden="true">{header.sort === "ascending" ? " ▲" : " ▼"}</span>}
      </Link>
    </th>
  );
}


"use client";

import Link from "next/link";
import { useRef, useState, type KeyboardEvent } from "react";
import { useTranslations } from "next-intl";
import { applicableOperations, selectionStatuses, type Operation, type UserStatusValue } from "@/lib/users/bulk-operations";
import type { UserFilters } from "@/lib/users/list-params";
import { button } from "../button-styles";
import { TableRegion } from "../table-region";
import { useHydrated } from "../use-hydrated";
import type { Product } from "./bulk-action-form";
import { BulkDialog } from "./bulk-dialog";
import { EmailText } from "./email-text";
import type { UsersTableIcons } from "./operation-icon";
import { RowMenu } from "./row-menu";
import { StatusBadge } from "./status-badge";

interface Row {
  id: string;
  name: string;
  email: string;
  role: string;
  status: string;
  statusLabel: string;
  /** The names of the user's products, in order. */
  products: string[];
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
  /** False when `total` is a floor ("10,000+"): filtered views count only that far (decision 0028). */
  totalExact: boolean;
  filters: UserFilters;
  canManage: boolean;
  canAssign: boolean;
  canResend: boolean;
  products: Product[];
  assignableRoles: { value: string; label: string }[];
  groups: { id: string; name: string }[];
  headers: { name: Header; email: Header; created: Header };
  /** Rendered on the server (usersTableIcons). */
  icons: UsersTableIcons;
}

/** The users table with row selection, "select all matching", the bulk-action bar and each row's More menu. */
export function UsersTable({ rows, total, totalExact, filters, canManage, canAssign, canResend, products, assignableRoles, groups, headers, icons }: Props) {
  const t = useTranslations("users");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [operation, setOperation] = useState<Operation | null>(null);
  const [result, setResult] = useState<string>();
  const dialog = useRef<HTMLDialogElement>(null);
  // Selection needs JavaScript: the boxes stay disabled until it runs, so a click is never lost.
  const hydrated = useHydrated();

  const count = allMatching ? total : selected.size;
  const countAtLeast = allMatching && !totalExact;
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
    setResult(undefined);
    setOperation(op);
    dialog.current?.showModal();
  };
  /** The per-row "More" menu acts on that row alone. */
  const openFor = (id: string, op: Operation) => {
    setAllMatching(false);
    setSelected(new Set([id]));
    open(op);
  };
  const allowed: Operation[] = [
    ...(canAssign ? [...PRODUCT_OPERATIONS, "editCapabilities" as const] : []),
    ...(canResend ? ["resendInvitation" as const] : []),
    ...(canManage ? USER_OPERATIONS : []),
  ];
  const selectable = allowed.length > 0;
  const selection = allMatching ? { mode: "matching" as const, status: filters.status } : { mode: "ids" as const, ids: [...selected] };
  const offered = applicableOperations(allowed, selectionStatuses(selection, rows));
  const rowOperations = (row: Row) => applicableOperations(allowed, [row.status as UserStatusValue]);
  const showMenus = rows.some((row) => rowOperations(row).length > 0);
  const onlyName = !allMatching && selected.size === 1 ? rows.find((r) => selected.has(r.id))?.name : undefined;

  return (
    <div className="min-w-0 space-y-3">
      {selectable && count > 0 && (
        <div role="toolbar" aria-label={t("bulkActions")} className="flex flex-wrap items-center gap-2 rounded-md border border-brand-600 bg-white p-2">
          <span className="px-2 text-sm font-medium">{countAtLeast ? t("selectedCountAtLeast", { count }) : t("selectedCount", { count })}</span>
          {offered.map((op) => (
            <button key={op} type="button" onClick={() => open(op)}
              className={`${button.secondary} ${button.small} ${op === "delete" ? "text-red-800" : ""}`}>
              {icons.operations[op]}
              {t(`ops.${op}`)}
            </button>
          ))}
          {offered.length === 0 && <span className="px-2 text-sm text-slate-700">{t("noBulkAction")}</span>}
          <button type="button" onClick={clear} className={`${button.ghost} ${button.small}`}>
            {icons.clear}
            {t("clearSelection")}
          </button>
        </div>
      )}
      {selectable && pageSelected && !allMatching && total > rows.length && (
        <p className="text-sm">
          {t("pageSelected", { count: rows.length })}{" "}
          <button type="button" onClick={() => setAllMatching(true)} className={`${button.ghost} ${button.small} text-brand-700`}>
            {totalExact ? t("selectAllMatching", { count: total }) : t("selectAllMatchingAtLeast", { count: total })}
          </button>
        </p>
      )}
      {result && <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">{result}</p>}

      <TableRegion label={t("tableRegion")} stickyFirstColumn>
        {/* relative: the cells' visually hidden text is positioned inside the region, so it never widens the page. */}
        <table className="relative w-full border-collapse bg-white text-sm" aria-describedby={hydrated && selectable ? "users-keyboard-hint" : undefined}>
          <caption className="sr-only">{t("title")}</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" aria-sort={headers.name.sort} className="px-3 py-2">
                <span className="flex items-center gap-3">
                  {selectable && <input type="checkbox" checked={pageSelected} onChange={togglePage} disabled={!hydrated} aria-label={t("selectPage")} />}
                  <SortLink header={headers.name} />
                </span>
              </th>
              <SortHeader header={headers.email} />
              <th scope="col" className="px-3 py-2">{t("role")}</th>
              <th scope="col" className="px-3 py-2">{t("status")}</th>
              <th scope="col" className="px-3 py-2">{t("products")}</th>
              <th scope="col" className="px-3 py-2">{t("group")}</th>
              <th scope="col" className="px-3 py-2">{t("twoStep")}</th>
              <SortHeader header={headers.created} />
              {showMenus && <th scope="col" className="px-3 py-2"><span className="sr-only">{t("actions")}</span></th>}
            </tr>
          </thead>
          <tbody onKeyDown={moveInGrid}>
            {rows.map((row) => {
              const operations = rowOperations(row);
              return (
                <tr key={row.id} className="border-t border-slate-200 align-top">
                  <td className="px-3 py-2">
                    <span className="flex items-center gap-3">
                      {selectable && (
                        <input type="checkbox" checked={allMatching || selected.has(row.id)} onChange={() => toggle(row.id)} disabled={!hydrated}
                          tabIndex={hydrated ? -1 : undefined} data-row-control="select" aria-label={t("selectUser", { name: row.name })} />
                      )}
                      {/* Truncated to keep the table narrow; the whole name on hover (title) and on focus. */}
                      <Link href={`/people/users/${row.id}`} prefetch={false} title={row.name} data-row-control="name"
                        className="block max-w-[12rem] truncate font-medium text-brand-700 underline focus:overflow-visible focus:whitespace-normal focus:[overflow-wrap:anywhere] sm:max-w-[16rem]">
                        {row.name}
                      </Link>
                    </span>
                  </td>
                  <td className="max-w-[16rem] min-w-[10rem] px-3 py-2"><EmailText email={row.email} /></td>
                  <td className="px-3 py-2 whitespace-nowrap">{row.role}</td>
                  <td className="px-3 py-2 whitespace-nowrap"><StatusBadge status={row.status} label={row.statusLabel} /></td>
                  <td className="px-3 py-2"><ProductsSummary names={row.products} /></td>
                  <td className="max-w-[12rem] px-3 py-2"><span className="block truncate" title={row.group || undefined}>{row.group || "—"}</span></td>
                  <td className="px-3 py-2 whitespace-nowrap">{row.twoStep}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{row.added}</td>
                  {showMenus && (
                    <td className="px-1 py-1">
                      {operations.length > 0 && (
                        <RowMenu label={t("moreFor", { name: row.name })} icon={icons.more} operations={operations} labelOf={(op) => t(`ops.${op}`)} iconOf={(op) => icons.operations[op]} onChoose={(op) => openFor(row.id, op)} />
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableRegion>
      {hydrated && selectable && <p id="users-keyboard-hint" className="sr-only">{t("keyboardHint")}</p>}

      <BulkDialog
        dialogRef={dialog}
        operation={operation}
        onClosed={() => setOperation(null)}
        count={count}
        countAtLeast={countAtLeast}
        name={onlyName}
        selection={allMatching ? { mode: "matching", filters } : { mode: "ids", ids: [...selected] }}
        roles={assignableRoles}
        groups={groups}
        products={products}
        onDone={(message) => {
          setResult(message);
          clear();
        }}
      />
    </div>
  );
}

/**
 * Arrow keys inside the table: left and right between a row's checkbox, name and More button,
 * up and down to the same control of the next row. With the checkboxes out of the Tab order, a
 * row takes at most two Tab stops (name and More).
 */
function moveInGrid(event: KeyboardEvent<HTMLTableSectionElement>) {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
  const from = (event.target as HTMLElement).closest<HTMLElement>("[data-row-control]");
  const row = from?.closest("tr");
  if (!from || !row) return;
  const controls = (tr: Element | null) => [...(tr?.querySelectorAll<HTMLElement>("[data-row-control]") ?? [])];
  let to: HTMLElement | undefined;
  if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
    const own = controls(row);
    to = own[own.indexOf(from) + (event.key === "ArrowRight" ? 1 : -1)];
  } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    const next = event.key === "ArrowDown" ? row.nextElementSibling : row.previousElementSibling;
    to = controls(next).find((c) => c.dataset.rowControl === from.dataset.rowControl);
  }
  if (to) {
    event.preventDefault();
    to.focus();
  }
}

/** "Remote Support +1": the first product and how many more, the whole list on hover and for screen readers. */
function ProductsSummary({ names }: { names: string[] }) {
  if (names.length === 0) return <>—</>;
  const [first, ...rest] = names;
  return (
    <span className="flex max-w-[14rem] items-center gap-1 whitespace-nowrap" title={names.join(", ")}>
      <span className="truncate">{first}</span>
      {rest.length > 0 && (
        <>
          <span aria-hidden className="shrink-0 rounded bg-slate-100 px-1.5 text-xs font-medium text-slate-800">+{rest.length}</span>
          <span className="sr-only">, {rest.join(", ")}</span>
        </>
      )}
    </span>
  );
}

function SortLink({ header }: { header: Header }) {
  return (
    <Link href={header.href} prefetch={false} className="whitespace-nowrap underline decoration-dotted">
      {header.label}
      {header.sort && <span aria-hidden="true">{header.sort === "ascending" ? " ▲" : " ▼"}</span>}
    </Link>
  );
}

function SortHeader({ header }: { header: Header }) {
  return (
    <th scope="col" aria-sort={header.sort} className="px-3 py-2">
      <SortLink header={header} />
    </th>
  );
}

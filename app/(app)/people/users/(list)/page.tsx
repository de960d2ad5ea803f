import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ChevronLeft, ChevronRight, Download, FileSpreadsheet, Search, Upload, UserPlus, X } from "lucide-react";
import { button } from "@/components/button-styles";
import { FilterSelect } from "@/components/filter-select";
import { PendingTransfers } from "@/components/users/pending-transfers";
import { UsersFilterForm } from "@/components/users/users-filter-form";
import { usersTableIcons } from "@/components/users/operation-icon";
import { UsersTable } from "@/components/users/users-table";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import { AccountRole, UserStatus } from "@/lib/generated/prisma/enums";
import { can, ROLES, roleRank } from "@/lib/permissions";
import { pendingTransfers } from "@/lib/invitations/pending";
import { accountProducts } from "@/lib/licences/products";
import { filterQuery } from "@/lib/users/filter-query";
import { countUsers } from "@/lib/users/counts";
import { groupOptions, listUsers } from "@/lib/users/list";
import { parseUserListParams, TWO_STEP_FILTERS, userFilters, userListHref, type UserSort } from "@/lib/users/list-params";
import { BulkJobStatus } from "./bulk-job-status";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UsersPage({ searchParams }: Props) {
  const user = await requirePermission("users.read");
  const view = parseUserListParams(await searchParams);
  const filters = userFilters(view);
  const [t, tRoles, tStatus, format, page, total, groups, products, transfers] = await Promise.all([
    getTranslations("users"),
    getTranslations("roles"),
    getTranslations("status"),
    getFormatter(),
    listUsers(getDb(), user.accountId, view),
    countUsers(getDb(), user.accountId, filters),
    groupOptions(getDb(), user.accountId),
    accountProducts(getDb(), user.accountId),
    pendingTransfers(getDb(), user.accountId),
  ]);
  const filtered = Object.values(filters).some(Boolean);
  // The form's fields as the URL carries them (defaults left out): what the search-as-you-type form compares.
  const formValues = { ...filters, sort: view.sort === "name" ? undefined : view.sort, dir: view.dir === "asc" ? undefined : view.dir };
  const sortHref = (sort: UserSort): string =>
    userListHref({ ...view, after: undefined, before: undefined, sort, dir: view.sort === sort && view.dir === "asc" ? "desc" : "asc" });
  const ariaSort = (sort: UserSort) => (view.sort === sort ? (view.dir === "asc" ? "ascending" : "descending") : undefined);

  return (
    <div className="min-w-0 space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-slate-600" aria-live="polite">
            {total.exact ? t("count", { count: total.value }) : t("countAtLeast", { count: total.value })}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <a href={userListHref(filters, "/people/users/export")} download className={`${button.ghost} ${button.small}`}>
            <Download className="size-4" aria-hidden />
            {t("exportCsv")}
          </a>
          {can(user.role, "imports.manage") && (
            <>
              <a href="/people/users/import/template" download className={`${button.ghost} ${button.small}`}>
                <FileSpreadsheet className="size-4" aria-hidden />
                {t("downloadTemplate")}
              </a>
              <Link href="/people/users/import" className={`${button.secondary} ${button.small}`}>
                <Upload className="size-4" aria-hidden />
                {t("importCsv")}
              </Link>
            </>
          )}
          {can(user.role, "users.manage") && (
            <Link href="/people/users/new" className={button.primary}>
              <UserPlus className="size-4" aria-hidden />
              {t("addUser")}
            </Link>
          )}
        </div>
      </div>

      <UsersFilterForm action="/people/users" viewKey={filterQuery(Object.entries(formValues))} label={t("searchAndFilters")} updatingLabel={t("updating")}
        className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-white p-3">
        <div className="w-full min-w-0 sm:w-auto sm:min-w-64 sm:flex-1">
          <label htmlFor="users-q" className="block text-sm font-medium text-slate-800">{t("search")}</label>
          <div className="relative mt-1">
            <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-600" aria-hidden />
            <input id="users-q" type="search" name="q" defaultValue={view.q ?? ""} maxLength={100} autoComplete="off" className="block w-full rounded-md border border-slate-400 bg-white py-2 pr-3 pl-8 text-sm" />
          </div>
        </div>
        <FilterSelect id="users-status" name="status" label={t("status")} value={view.status} any={t("any")}
          options={Object.values(UserStatus).map((s) => [s, tStatus(s)])} />
        <FilterSelect id="users-role" name="role" label={t("role")} value={view.role} any={t("any")}
          options={Object.values(AccountRole).map((r) => [r, tRoles(r)])} />
        <FilterSelect id="users-product" name="product" label={t("product")} value={view.product} any={t("any")}
          options={products.map((p) => [p.code, p.name])} />
        <FilterSelect id="users-group" name="group" label={t("group")} value={view.group} any={t("any")}
          options={[["none", t("noGroup")], ...groups.map((g): [string, string] => [g.id, g.name])]} />
        <FilterSelect id="users-two-step" name="twoStep" label={t("twoStep")} value={view.twoStep} any={t("any")}
          options={TWO_STEP_FILTERS.map((v) => [v, t(v)])} />
        {formValues.sort && <input type="hidden" name="sort" value={formValues.sort} />}
        {formValues.dir && <input type="hidden" name="dir" value={formValues.dir} />}
        {/* Without JavaScript this applies the form; with it the list follows every change, and this applies at once. */}
        <button type="submit" className={button.primary}>{t("apply")}</button>
        {filtered && (
          <Link href={userListHref({ sort: view.sort, dir: view.dir })} className={`${button.ghost} text-brand-700`}>
            <X className="size-4" aria-hidden />
            {t("clear")}
          </Link>
        )}
      </UsersFilterForm>

      <PendingTransfers transfers={transfers} />
      <BulkJobStatus accountId={user.accountId} canCancel={can(user.role, "users.manage")} refreshHref={userListHref(view)} />

      {page.users.length === 0 ? (
        <div className="rounded-md border border-slate-200 bg-white p-6 text-slate-700">
          <p>{filtered ? t("noResults") : t("empty")}</p>
          {filtered && <Link href={userListHref({})} className={`${button.secondary} ${button.small} mt-3`}>{t("clear")}</Link>}
        </div>
      ) : (
        <UsersTable
          canManage={can(user.role, "users.manage")}
          canAssign={can(user.role, "licences.assign")}
          canResend={can(user.role, "invitations.resend")}
          products={products}
          total={total.value}
          totalExact={total.exact}
          filters={filters}
          assignableRoles={ROLES.filter((r) => roleRank(r) <= roleRank(user.role)).map((r) => ({ value: r, label: tRoles(r) }))}
          groups={groups}
          icons={usersTableIcons()}
          headers={{
            name: { label: t("name"), href: sortHref("name"), sort: ariaSort("name") },
            email: { label: t("email"), href: sortHref("email"), sort: ariaSort("email") },
            created: { label: t("added"), href: sortHref("created"), sort: ariaSort("created") },
          }}
          rows={page.users.map((u) => ({
            id: u.id,
            name: `${u.firstName} ${u.lastName}`.trim(),
            email: u.email,
            role: tRoles(u.role),
            status: u.status,
            statusLabel: tStatus(u.status),
            products: u.products.map((p) => p.name),
            group: u.group?.name ?? "",
            added: format.dateTime(u.createdAt, { dateStyle: "medium", timeZone: user.timeZone }),
            twoStep: u.twoStepEnabled ? t("on") : t("off"),
          }))}
        />
      )}

      <nav aria-label={t("pagination")} className="flex flex-wrap gap-2">
        {page.previousCursor && (
          <Link rel="prev" href={userListHref({ ...view, after: undefined, before: page.previousCursor })} className={`${button.secondary} ${button.small}`}>
            <ChevronLeft className="size-4" aria-hidden />
            {t("previous")}
          </Link>
        )}
        {page.nextCursor && (
          <Link rel="next" href={userListHref({ ...view, before: undefined, after: page.nextCursor })} className={`${button.secondary} ${button.small}`}>
            {t("next")}
            <ChevronRight className="size-4" aria-hidden />
          </Link>
        )}
      </nav>
    </div>
  );
}

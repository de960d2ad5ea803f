import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { FilterSelect } from "@/components/filter-select";
import { PendingTransfers } from "@/components/users/pending-transfers";
import { UsersTable } from "@/components/users/users-table";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import { AccountRole, UserStatus } from "@/lib/generated/prisma/enums";
import { can, ROLES, roleRank } from "@/lib/permissions";
import { pendingTransfers } from "@/lib/invitations/pending";
import { accountProducts } from "@/lib/licences/products";
import { countUsers, groupOptions, listUsers } from "@/lib/users/list";
import { parseUserListParams, TWO_STEP_FILTERS, userFilters, userListHref, type UserSort } from "@/lib/users/list-params";

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
  const sortHref = (sort: UserSort): string =>
    userListHref({ ...view, after: undefined, before: undefined, sort, dir: view.sort === sort && view.dir === "asc" ? "desc" : "asc" });
  const ariaSort = (sort: UserSort) => (view.sort === sort ? (view.dir === "asc" ? "ascending" : "descending") : undefined);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600" aria-live="polite">{t("count", { count: total })}</p>
        <div className="flex flex-wrap items-center gap-4">
          <a href={userListHref(filters, "/people/users/export")} download className="text-sm font-medium text-brand-700 underline">{t("exportCsv")}</a>
          {can(user.role, "imports.manage") && (
            <>
              <a href="/people/users/import/template" download className="text-sm font-medium text-brand-700 underline">{t("downloadTemplate")}</a>
              <Link href="/people/users/import" className="text-sm font-medium text-brand-700 underline">{t("importCsv")}</Link>
            </>
          )}
          {can(user.role, "users.manage") && (
            <Link href="/people/users/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-on-fill hover:bg-brand-700">{t("addUser")}</Link>
          )}
        </div>
      </div>

      {/* Keyed by the filters: after "Clear" (a client navigation) the controls show the new view, not the old selections. */}
      <form key={userListHref(filters)} method="get" action="/people/users" role="search" aria-label={t("searchAndFilters")} className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-white p-3">
        <div className="min-w-64 flex-1">
          <label htmlFor="users-q" className="block text-sm font-medium text-slate-800">{t("search")}</label>
          <input id="users-q" type="search" name="q" defaultValue={view.q ?? ""} maxLength={100} className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2 text-sm" />
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
        {view.sort !== "name" && <input type="hidden" name="sort" value={view.sort} />}
        {view.dir !== "asc" && <input type="hidden" name="dir" value={view.dir} />}
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-on-fill hover:bg-brand-700">{t("apply")}</button>
        {filtered && <Link href={userListHref({ sort: view.sort, dir: view.dir })} className="py-2 text-sm text-brand-700 underline">{t("clear")}</Link>}
      </form>

      <PendingTransfers transfers={transfers} />

      {page.users.length === 0 ? (
        <div className="rounded-md border border-slate-200 bg-white p-6 text-slate-700">
          <p>{filtered ? t("noResults") : t("empty")}</p>
          {filtered && <Link href={userListHref({})} className="mt-2 inline-block text-brand-700 underline">{t("clear")}</Link>}
        </div>
      ) : (
        <UsersTable
          canManage={can(user.role, "users.manage")}
          canAssign={can(user.role, "licences.assign")}
          canResend={can(user.role, "invitations.resend")}
          products={products}
          total={total}
          filters={filters}
          assignableRoles={ROLES.filter((r) => roleRank(r) <= roleRank(user.role)).map((r) => ({ value: r, label: tRoles(r) }))}
          groups={groups}
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
            products: u.products.map((p) => p.name).join(", "),
            group: u.group?.name ?? "",
            added: format.dateTime(u.createdAt, { dateStyle: "medium", timeZone: user.timeZone }),
            twoStep: u.twoStepEnabled ? t("on") : t("off"),
          }))}
        />
      )}

      <nav aria-label={t("pagination")} className="flex gap-4 text-sm">
        {page.previousCursor && <Link rel="prev" href={userListHref({ ...view, after: undefined, before: page.previousCursor })} className="text-brand-700 underline">{t("previous")}</Link>}
        {page.nextCursor && <Link rel="next" href={userListHref({ ...view, before: undefined, after: page.nextCursor })} className="text-brand-700 underline">{t("next")}</Link>}
      </nav>
    </div>
  );
}

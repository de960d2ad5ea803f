import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { foldText } from "@/lib/users/search-key";
import type { UserFilters, UserListParams, UserSort } from "@/lib/users/list-params";
import { isUuid } from "@/lib/validation/uuid";

export const USERS_PAGE_SIZE = 50;

/** LIKE pattern for "contains", with the user's own % and _ taken literally. */
const containsPattern = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Users whose name or email contains the text, accents and case aside; undefined when nothing is
 * left to search for once folded (spaces, lone combining marks): that must not match everyone.
 */
export function userSearchWhere(text: string): Prisma.UserWhereInput | undefined {
  const folded = foldText(text);
  return folded ? { searchText: { contains: containsPattern(folded) } } : undefined;
}

export type Cursor = { value: string; id: string };

function encodeCursor(value: string | Date, id: string): string {
  return Buffer.from(JSON.stringify([value instanceof Date ? value.toISOString() : value, id])).toString("base64url");
}

function decodeCursor(text: string | undefined, sort: UserSort): Cursor | undefined {
  if (!text) return undefined;
  try {
    const [value, id] = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown[];
    if (typeof value !== "string" || typeof id !== "string" || !isUuid(id)) return undefined;
    if (sort === "created" && Number.isNaN(Date.parse(value))) return undefined;
    return { value, id };
  } catch {
    return undefined;
  }
}

const listSelect = {
  id: true, firstName: true, lastName: true, email: true, role: true, status: true, createdAt: true, twoStepEnabled: true,
  nameKey: true,
  group: { select: { id: true, name: true } },
  assignments: { select: { subscription: { select: { product: { select: { code: true, name: true } } } } } },
} as const satisfies Prisma.UserSelect;

/**
 * Filters with the product filter's subscription looked up: `null` when the account has no
 * subscription of that product (nobody matches). A literal id lets the planner use its statistics
 * (a product of 300 users is read from its assignments, one of 100,000 by walking the sort's index);
 * behind a subquery it guesses, and walked a million users for a product nobody had (5 s).
 */
export type ResolvedFilters = UserFilters & { subscriptionId?: string | null };

export async function resolveFilters<T extends UserFilters>(db: Db | Tx, accountId: string, filters: T): Promise<T & ResolvedFilters> {
  if (!filters.product) return filters;
  const subscription = await db.subscription.findFirst({ where: { accountId, product: { code: filters.product } }, select: { id: true } });
  return { ...filters, subscriptionId: subscription?.id ?? null };
}

/**
 * The SQL condition for an account's users matching the filters (alias `u`): what the list, the
 * capped counts and bulk jobs share. Each filter is a plain column condition an index serves.
 */
export function userConditions(accountId: string, filters: ResolvedFilters): Prisma.Sql {
  const folded = filters.q ? foldText(filters.q) : "";
  const subscription = filters.subscriptionId === undefined
    ? Prisma.sql`(SELECT s.id FROM "Subscription" s JOIN "Product" p ON p.id = s."productId" WHERE s."accountId" = ${accountId}::uuid AND p.code = ${filters.product})`
    : Prisma.sql`${filters.subscriptionId}::uuid`;
  const conditions = [
    Prisma.sql`u."accountId" = ${accountId}::uuid`,
    ...(folded ? [Prisma.sql`u."searchText" LIKE ${`%${containsPattern(folded)}%`}`] : []),
    ...(filters.status ? [Prisma.sql`u.status = ${filters.status}::"UserStatus"`] : []),
    ...(filters.role ? [Prisma.sql`u.role = ${filters.role}::"AccountRole"`] : []),
    ...(filters.twoStep ? [Prisma.sql`u."twoStepEnabled" = ${filters.twoStep === "on"}`] : []),
    ...(filters.group === "none" ? [Prisma.sql`u."groupId" IS NULL`] : filters.group ? [Prisma.sql`u."groupId" = ${filters.group}::uuid`] : []),
    ...(filters.product ? [Prisma.sql`EXISTS (SELECT 1 FROM "LicenceAssignment" a WHERE a."userId" = u.id AND a."subscriptionId" = ${subscription})`] : []),
  ];
  return Prisma.join(conditions, " AND ");
}

/**
 * The sort columns. A search sorts by an expression instead (`|| ''`, `+ interval '0'`), which no
 * index offers: the planner then finds the matches through the trigram index and sorts them,
 * instead of walking the sort's index and filtering, which reads most of the account when the
 * matches sort late ("zoe": 95,000 rows of 100,000 read, ~100 ms, against ~7 ms).
 */
const SORT_KEY = {
  name: { plain: Prisma.sql`u."nameKey"`, search: Prisma.sql`(u."nameKey" || '')` },
  email: { plain: Prisma.sql`u.email`, search: Prisma.sql`(u.email || '')` },
  created: { plain: Prisma.sql`u."createdAt"`, search: Prisma.sql`(u."createdAt" + interval '0')` },
} as const satisfies Record<UserSort, { plain: Prisma.Sql; search: Prisma.Sql }>;

/**
 * The ids of one page of a view, in order: rows strictly beyond the cursor in the (sort key, id)
 * order, one more than a page (to know whether there is a next). Exported for the plan test.
 */
export function userPageQuery(accountId: string, params: UserListParams & ResolvedFilters, dir: "asc" | "desc", cursor?: Cursor): Prisma.Sql {
  const key = SORT_KEY[params.sort][params.q && foldText(params.q) ? "search" : "plain"];
  const value = cursor && (params.sort === "created" ? Prisma.sql`${new Date(cursor.value)}::timestamp` : Prisma.sql`${cursor.value}`);
  // A row comparison: PostgreSQL starts the index scan at the cursor, so every page costs the same.
  const beyond = cursor ? Prisma.sql` AND (${key}, u.id) ${Prisma.raw(dir === "asc" ? ">" : "<")} (${value}, ${cursor.id}::uuid)` : Prisma.empty;
  const order = Prisma.raw(dir === "asc" ? "ASC" : "DESC");
  return Prisma.sql`SELECT u.id FROM "User" u WHERE ${userConditions(accountId, params)}${beyond}
    ORDER BY ${key} ${order}, u.id ${order} LIMIT ${USERS_PAGE_SIZE + 1}`;
}

/**
 * One page of the users list by keyset: `after` pages forward, `before` pages back; ties on the
 * sort value are broken by id, so no row is skipped or repeated. Cost is the same on every page.
 * The ids come from one SQL query an index serves, then their rows (group, products) by id.
 */
export async function listUsers(db: Db | Tx, accountId: string, params: UserListParams) {
  const { sort, dir } = params;
  const after = decodeCursor(params.after, sort);
  const before = after ? undefined : decodeCursor(params.before, sort);
  const backwards = Boolean(before);
  const scanDir = backwards ? (dir === "asc" ? "desc" : "asc") : dir;
  const view = await resolveFilters(db, accountId, params);
  const ids = view.subscriptionId === null ? [] : await db.$queryRaw<{ id: string }[]>(userPageQuery(accountId, view, scanDir, after ?? before));
  const found = await db.user.findMany({ where: { accountId, id: { in: ids.map((r) => r.id) } }, select: listSelect });
  const byId = new Map(found.map((row) => [row.id, row]));
  const rows = ids.map((r) => byId.get(r.id)).filter((row) => row !== undefined);
  const more = rows.length > USERS_PAGE_SIZE;
  const page = rows.slice(0, USERS_PAGE_SIZE);
  if (backwards) page.reverse();
  const cursorOf = (row: (typeof page)[number]) =>
    encodeCursor(sort === "created" ? row.createdAt : sort === "email" ? row.email : row.nameKey, row.id);
  const first = page[0];
  const last = page.at(-1);
  return {
    users: page.map(({ nameKey: _key, assignments, ...user }) => ({
      ...user,
      products: assignments.map((a) => a.subscription.product).sort((a, b) => a.name.localeCompare(b.name)),
    })),
    nextCursor: last && (backwards || more) ? cursorOf(last) : undefined,
    previousCursor: first && (backwards ? more : Boolean(after)) ? cursorOf(first) : undefined,
  };
}

/** The account's groups, by name: what the group filter and group pickers offer. */
export async function groupOptions(db: Db, accountId: string) {
  return db.userGroup.findMany({ where: { accountId }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}

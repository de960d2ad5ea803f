import { z } from "zod";
import { AccountRole, UserStatus } from "@/lib/generated/prisma/enums";
import { firstValues, hrefWith, optionalParam as optional, searchTextSchema } from "@/lib/url-params";

export const TWO_STEP_FILTERS = ["on", "off"] as const;

export const USER_SORTS = ["name", "email", "created"] as const;
export type UserSort = (typeof USER_SORTS)[number];

const filterFields = {
  q: searchTextSchema,
  status: z.enum(UserStatus),
  role: z.enum(AccountRole),
  product: z.string().regex(/^[a-z0-9-]{1,40}$/),
  /** A group id, or "none" for users in no group. */
  group: z.union([z.literal("none"), z.uuid()]),
  /** Whether the user has a second factor (User.twoStepEnabled). */
  twoStep: z.enum(TWO_STEP_FILTERS),
};

/**
 * Filters as a bulk action receives them: strict, because a filter silently dropped would widen
 * "all matching users" to everyone.
 */
export const userFiltersSchema = z.object({
  q: filterFields.q.optional(),
  status: filterFields.status.optional(),
  role: filterFields.role.optional(),
  product: filterFields.product.optional(),
  group: filterFields.group.optional(),
  twoStep: filterFields.twoStep.optional(),
});

/**
 * Everything that defines a view of the users list, as it appears in the URL. Anything malformed
 * falls back to its default rather than failing: a bad link still shows a list.
 */
export const userListParamsSchema = z.object({
  q: optional(filterFields.q),
  status: optional(filterFields.status),
  role: optional(filterFields.role),
  product: optional(filterFields.product),
  group: optional(filterFields.group),
  twoStep: optional(filterFields.twoStep),
  sort: z.enum(USER_SORTS).catch("name"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  after: optional(z.string().max(500)),
  before: optional(z.string().max(500)),
});

export type UserListParams = z.output<typeof userListParamsSchema>;
/** The filters alone: what "select all matching" and the counts are about. */
export type UserFilters = z.output<typeof userFiltersSchema>;

export function parseUserListParams(input: Record<string, string | string[] | undefined>): UserListParams {
  return userListParamsSchema.parse(firstValues(input));
}

export const userFilters = ({ q, status, role, product, group, twoStep }: UserListParams): UserFilters => ({ q, status, role, product, group, twoStep });

/** The URL of a view; defaults are left out so links stay short. */
export function userListHref(params: Partial<UserListParams>, path = "/people/users"): string {
  const { q, status, role, product, group, twoStep, after, before, sort, dir } = params;
  return hrefWith(path, {
    q, status, role, product, group, twoStep, after, before,
    sort: sort === "name" ? undefined : sort,
    dir: dir === "asc" ? undefined : dir,
  });
}

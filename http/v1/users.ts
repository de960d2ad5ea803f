// REST operations on users. Each runs an account action through invokeAs: the reads below, and
// the very server actions the pages use for changes (Add user, the bulk actions on one user).
import "server-only";
import { z } from "zod";
import { resendInvitationAction, updateCapabilitiesAction, updateUserProfileAction } from "@/app/(app)/people/users/[id]/actions";
import { addUsersAction } from "@/app/(app)/people/users/new/actions";
import { addProductsAction, bulkDeleteAction, bulkReactivateAction, bulkSuspendAction, removeProductsAction } from "@/app/(app)/people/users/actions";
import { accountAction, invokeAs, type Principal } from "@/lib/actions/define-action";
import { NotFoundError } from "@/lib/actions/errors";
import { AccountRole, UserStatus } from "@/lib/generated/prisma/enums";
import { listUsers } from "@/lib/users/list";
import { USER_SORTS, userFiltersSchema } from "@/lib/users/list-params";
import { userVersion } from "@/lib/users/version";
import { addUserRowSchema, MAX_ADD_ROWS, userSettingsShape } from "@/lib/validation/add-users";
import { LOCALES, type AppLocale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/messages";
import { json, outcomeResponse, problem } from "../problem";
import { defineOperation } from "./operation";

const isoDate = z.iso.datetime({ offset: true });

export const apiUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  role: z.enum(AccountRole),
  status: z.enum(UserStatus),
  group: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** Product codes of the user's licences. */
  products: z.array(z.string()),
  twoStepEnabled: z.boolean(),
  createdAt: isoDate,
}).meta({ id: "User" });

export const apiUserDetailSchema = apiUserSchema.extend({
  locale: z.string(),
  timeZone: z.string(),
  capabilities: z.object({ unattendedAccess: z.boolean(), fileManagement: z.boolean(), remoteControl: z.boolean() }),
}).meta({ id: "UserDetail" });

type ApiUser = z.output<typeof apiUserSchema>;

const userListQuery = userFiltersSchema.extend({
  sort: z.enum(USER_SORTS).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  /** The page after this cursor (a previous answer's nextCursor). */
  after: z.string().max(500).optional(),
  before: z.string().max(500).optional(),
});

const userListSchema = z.object({
  data: z.array(apiUserSchema),
  nextCursor: z.string().nullable(),
  previousCursor: z.string().nullable(),
}).meta({ id: "UserList" });

const idParam = z.object({ id: z.uuid({ error: "validation.invalid" }) });

/** The path's user id; null when it isn't a UUID (it then names no user: 404, like an unknown one). */
const userIdOf = (params: Record<string, string>) => idParam.safeParse(params).data?.id ?? null;

const notFound = (locale: AppLocale) => problem(404, "notFound", translator(locale)("errors.notFound"));

export const listUsersRead = accountAction({
  name: "api.users.list",
  permission: "users.read",
  input: userListQuery,
  readOnly: true,
  handler: async (input, ctx) => {
    const page = await listUsers(ctx.db, ctx.accountId, input);
    return {
      data: page.users.map((u): ApiUser => ({
        id: u.id, email: u.email, firstName: u.firstName, lastName: u.lastName, role: u.role, status: u.status,
        group: u.group, products: u.products.map((p) => p.code), twoStepEnabled: u.twoStepEnabled, createdAt: u.createdAt.toISOString(),
      })),
      nextCursor: page.nextCursor ?? null,
      previousCursor: page.previousCursor ?? null,
    };
  },
});

export const getUserRead = accountAction({
  name: "api.users.get",
  permission: "users.read",
  input: idParam,
  readOnly: true,
  handler: async ({ id }, ctx) => {
    const user = await ctx.db.user.findFirst({
      where: { id, accountId: ctx.accountId },
      select: {
        id: true, email: true, firstName: true, lastName: true, role: true, status: true, twoStepEnabled: true, createdAt: true,
        locale: true, timeZone: true, unattendedAccess: true, fileManagement: true, remoteControl: true,
        group: { select: { id: true, name: true } },
        assignments: { select: { subscription: { select: { product: { select: { code: true } } } } } },
      },
    });
    if (!user) throw new NotFoundError();
    const { assignments, unattendedAccess, fileManagement, remoteControl, createdAt, ...rest } = user;
    return {
      version: (await userVersion(ctx.db, ctx.accountId, id))!,
      ...rest,
      createdAt: createdAt.toISOString(),
      products: assignments.map((a) => a.subscription.product.code).sort(),
      capabilities: { unattendedAccess, fileManagement, remoteControl },
    };
  },
});

export const listUsersOp = defineOperation({
  id: "listUsers",
  method: "GET",
  path: "/users",
  tag: "Users",
  summary: "List users",
  description: "The users list's filters, search and sorts, 50 users a page; follow `nextCursor` with `after`.",
  permission: "users.read",
  query: userListQuery,
  responses: { 200: userListSchema },
  handle: async ({ principal, locale }, { query }) => outcomeResponse(await invokeAs(listUsersRead, principal, locale, query), locale, (page) => json(page)),
});

export const getUserOp = defineOperation({
  id: "getUser",
  method: "GET",
  path: "/users/{id}",
  tag: "Users",
  summary: "Get a user",
  permission: "users.read",
  responses: { 200: apiUserDetailSchema },
  handle: async ({ principal, locale }, { params }) => {
    const id = userIdOf(params);
    if (!id) return notFound(locale);
    return outcomeResponse(await invokeAs(getUserRead, principal, locale, { id }), locale, userAnswer);
  },
});

/** A user with their version as a strong ETag (If-Match on PATCH refuses a stale one). */
function userAnswer({ version, ...user }: { version: string } & Record<string, unknown>, status = 200) {
  return json(user, status, { ETag: `"${version}"` });
}

/** The version an If-Match names: undefined for none or `*`, null when it can't be one of ours (so it fails). */
function versionOf(ifMatch: string | null): string | undefined | null {
  if (ifMatch === null || ifMatch.trim() === "*") return undefined;
  return /^"([0-9a-f]{32})"$/.exec(ifMatch.trim())?.[1] ?? null;
}

const userPatchBody = z.object({
  firstName: z.string(),
  lastName: z.string(),
  locale: z.enum(LOCALES),
  timeZone: z.string(),
  /** A group of the account, or null for none. */
  groupId: z.uuid().nullable(),
  role: z.enum(AccountRole),
}).partial().meta({ id: "UserChanges" });

export const updateUserOp = defineOperation({
  id: "updateUser",
  method: "PATCH",
  path: "/users/{id}",
  tag: "Users",
  summary: "Change a user's profile, role or group",
  description: "Only the attributes sent change. Send the ETag of your last read in If-Match: if the user changed since, nothing is saved (412).",
  permission: "users.manage",
  body: userPatchBody,
  headers: [{ name: "If-Match", description: "The user's ETag from your last read; `*` or none skips the check." }],
  responses: { 200: apiUserDetailSchema },
  handle: async ({ principal, locale }, { params, body, request }) => {
    const id = userIdOf(params);
    if (!id) return notFound(locale);
    const version = versionOf(request.headers.get("if-match"));
    if (version === null) return problem(412, "userChangedMeanwhile", translator(locale)("errors.userChangedMeanwhile"));
    const current = await invokeAs(getUserRead, principal, locale, { id });
    if (!current.ok) return outcomeResponse(current, locale, () => new Response());
    const { firstName, lastName, locale: userLocale, timeZone, group, role } = current.data;
    const groupId = "groupId" in body ? (body.groupId ?? "none") : (group?.id ?? "none");
    const input = { id, firstName, lastName, locale: userLocale, timeZone, role, ...body, groupId, version: version ?? current.data.version };
    const updated = await invokeAs(updateUserProfileAction, principal, locale, input);
    if (!updated.ok) return outcomeResponse(updated, locale, () => new Response());
    return outcomeResponse(await invokeAs(getUserRead, principal, locale, { id }), locale, userAnswer);
  },
});

const createUsersBody = z.object({
  rows: z.array(addUserRowSchema).min(1).max(MAX_ADD_ROWS),
  ...userSettingsShape,
}).meta({ id: "NewUsers" });

const rowOutcomeSchema = z.object({
  row: z.number().int(),
  email: z.string(),
  outcome: z.enum(["created", "transferInvited", "alreadyInAccount", "noSeats", "dailyLimit", "duplicate"]),
  firstRow: z.number().int().optional(),
});

const createUsersAnswer = z.object({
  rows: z.array(rowOutcomeSchema),
  created: z.number().int(),
  transferInvited: z.number().int(),
  skipped: z.number().int(),
}).meta({ id: "NewUsersReport" });

export const createUsersOp = defineOperation({
  id: "createUsers",
  method: "POST",
  path: "/users",
  tag: "Users",
  summary: "Add users",
  description: "One or many rows (up to 100), all with the same role, language, time zone, group and products, as Add user does: each new user gets a welcome invitation, a user of another account a transfer invitation. A seat shortage refuses the whole request.",
  permission: "users.manage",
  body: createUsersBody,
  responses: { 201: createUsersAnswer },
  handle: async ({ principal, locale }, { body }) => outcomeResponse(await invokeAs(addUsersAction, principal, locale, body), locale, (report) => json(report, 201)),
});

/** One user through a bulk action of the users list (the ids selection of one). */
const oneUser = (id: string) => ({ selection: { mode: "ids", ids: [id] }, expectedCount: 1 });

function userChange(options: { id: string; path: string; summary: string; method: "POST" | "DELETE"; action: typeof bulkSuspendAction; description: string }) {
  return defineOperation({
    id: options.id,
    method: options.method,
    path: options.path,
    tag: "Users",
    summary: options.summary,
    description: options.description,
    permission: "users.manage",
    responses: { 204: null },
    handle: async ({ principal, locale }, { params }) => {
      const id = userIdOf(params);
      if (!id) return notFound(locale);
      const outcome = await invokeAs(options.action, principal, locale, oneUser(id));
      // The bulk action counts its targets: none means no such user in this account.
      if (!outcome.ok && outcome.code === "selectionChanged") return notFound(locale);
      return outcomeResponse(outcome, locale, () => new Response(null, { status: 204 }));
    },
  });
}

export const suspendUserOp = userChange({
  id: "suspendUser", method: "POST", path: "/users/{id}/suspend", summary: "Suspend a user", action: bulkSuspendAction,
  description: "Ends the user's sessions; their licences stay assigned.",
});
export const reactivateUserOp = userChange({
  id: "reactivateUser", method: "POST", path: "/users/{id}/reactivate", summary: "Reactivate a user", action: bulkReactivateAction,
  description: "Active again, or Invited when they never set a password.",
});
export const deleteUserOp = userChange({
  id: "deleteUser", method: "DELETE", path: "/users/{id}", summary: "Delete a user", action: bulkDeleteAction,
  description: "Frees the user's licences.",
});

/** A user's page after a change: the user as GET answers them (200, with the new ETag). */
async function userAfter(call: { principal: Principal; locale: AppLocale }, id: string) {
  return outcomeResponse(await invokeAs(getUserRead, call.principal, call.locale, { id }), call.locale, userAnswer);
}

const productChange = z.object({
  /** A product code (GET /subscriptions lists the account's). */
  product: z.string(),
  /** Email the user about the change, as the page's checkbox does. */
  notify: z.boolean().optional(),
}).meta({ id: "ProductChange" });

export const addProductOp = defineOperation({
  id: "addUserProduct",
  method: "POST",
  path: "/users/{id}/products",
  tag: "Licences",
  summary: "Assign a product to a user",
  description: "Takes a seat of the account's subscription; refused (409) when none is left. Assigning a product the user has changes nothing.",
  permission: "licences.assign",
  body: productChange,
  responses: { 200: apiUserDetailSchema },
  handle: async (call, { params, body }) => {
    const id = userIdOf(params);
    if (!id) return notFound(call.locale);
    const input = { ...oneUser(id), productCode: body.product, notify: body.notify === true };
    const outcome = await invokeAs(addProductsAction, call.principal, call.locale, input);
    if (!outcome.ok) return outcome.code === "selectionChanged" ? notFound(call.locale) : outcomeResponse(outcome, call.locale, () => new Response());
    return userAfter(call, id);
  },
});

export const removeProductOp = defineOperation({
  id: "removeUserProduct",
  method: "DELETE",
  path: "/users/{id}/products/{product}",
  tag: "Licences",
  summary: "Remove a product from a user",
  description: "Frees the seat. `?notify=true` emails the user about it.",
  permission: "licences.assign",
  query: z.object({ notify: z.enum(["true", "false"]).optional() }),
  responses: { 200: apiUserDetailSchema },
  handle: async (call, { params, query }) => {
    const id = userIdOf(params);
    if (!id) return notFound(call.locale);
    const input = { ...oneUser(id), productCode: params.product, notify: query.notify === "true" };
    const outcome = await invokeAs(removeProductsAction, call.principal, call.locale, input);
    if (!outcome.ok) return outcome.code === "selectionChanged" ? notFound(call.locale) : outcomeResponse(outcome, call.locale, () => new Response());
    return userAfter(call, id);
  },
});

const capabilitiesSchema = z.object({ unattendedAccess: z.boolean(), fileManagement: z.boolean(), remoteControl: z.boolean() }).meta({ id: "Capabilities" });

export const getCapabilitiesOp = defineOperation({
  id: "getUserCapabilities",
  method: "GET",
  path: "/users/{id}/capabilities",
  tag: "Licences",
  summary: "Get a technician's capabilities",
  permission: "users.read",
  responses: { 200: capabilitiesSchema },
  handle: async ({ principal, locale }, { params }) => {
    const id = userIdOf(params);
    if (!id) return notFound(locale);
    return outcomeResponse(await invokeAs(getUserRead, principal, locale, { id }), locale, (user) => json(user.capabilities));
  },
});

export const updateCapabilitiesOp = defineOperation({
  id: "updateUserCapabilities",
  method: "PATCH",
  path: "/users/{id}/capabilities",
  tag: "Licences",
  summary: "Switch a technician's capabilities",
  description: "Only the switches sent change. The user must have Remote Support (409 otherwise).",
  permission: "licences.assign",
  body: capabilitiesSchema.partial().meta({ id: "CapabilityChanges" }),
  responses: { 200: capabilitiesSchema },
  handle: async ({ principal, locale }, { params, body }) => {
    const id = userIdOf(params);
    if (!id) return notFound(locale);
    const current = await invokeAs(getUserRead, principal, locale, { id });
    if (!current.ok) return outcomeResponse(current, locale, () => new Response());
    const outcome = await invokeAs(updateCapabilitiesAction, principal, locale, { ...current.data.capabilities, ...body, id });
    return outcomeResponse(outcome, locale, ({ id: _id, ...capabilities }) => json(capabilities));
  },
});

export const resendInvitationOp = defineOperation({
  id: "resendInvitation",
  method: "POST",
  path: "/users/{id}/invitation",
  tag: "Users",
  summary: "Send a user's invitation again",
  description: "A new link for an Invited user (the old one stops working), within the account's daily limits.",
  permission: "invitations.resend",
  responses: { 204: null },
  handle: async ({ principal, locale }, { params }) => {
    const id = userIdOf(params);
    if (!id) return notFound(locale);
    return outcomeResponse(await invokeAs(resendInvitationAction, principal, locale, { userId: id }), locale, () => new Response(null, { status: 204 }));
  },
});

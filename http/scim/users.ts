// SCIM Users (RFC 7643 §4.1, RFC 7644 §3): list with filters and paging, get, create, replace,
// patch and delete, as Okta and Microsoft Entra ID send them. The user's email is the userName and
// never changes; `active: false` suspends (sessions end), `true` reactivates; deleting frees the
// licences. Attributes this app doesn't keep (title, phone numbers, the enterprise extension…) are
// ignored, as identity providers expect.
import "server-only";
import { z } from "zod";
import { accountAction, invokeAs } from "@/lib/actions/define-action";
import { appUrl } from "@/lib/app-url";
import { LOCALES, type AppLocale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/messages";
import { createScimUser, deleteScimUser, findScimUser, findScimUsers, updateScimUser, type ScimUserLookup, type ScimUserRow } from "@/lib/scim/users";
import { addUserRowSchema } from "@/lib/validation/add-users";
import { intParam, lookupOf } from "./filter";
import { scim, scimBody, ScimError, scimOutcome } from "./scim";
import type { TokenCall } from "../token-request";

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const MAX_PAGE = 200;

const base = () => `${appUrl()}/scim/v2`;

export function userResource(row: ScimUserRow) {
  const name = { givenName: row.firstName, familyName: row.lastName, formatted: `${row.firstName} ${row.lastName}`.trim() };
  return {
    schemas: [USER_SCHEMA],
    id: row.id,
    ...(row.externalId !== null ? { externalId: row.externalId } : {}),
    userName: row.email,
    name,
    displayName: name.formatted,
    emails: [{ value: row.email, type: "work", primary: true }],
    active: row.status !== "SUSPENDED",
    preferredLanguage: row.locale,
    locale: row.locale,
    timezone: row.timeZone,
    groups: row.groups.map((g) => ({ value: g.id, display: g.name, $ref: `${base()}/Groups/${g.id}` })),
    meta: { resourceType: "User", created: row.createdAt.toISOString(), lastModified: row.updatedAt.toISOString(), location: `${base()}/Users/${row.id}` },
  };
}

type Resource = Record<string, unknown>;

/** `attributes` keeps only those (and id, schemas, meta); `excludedAttributes` drops those. Top-level names, any case. */
export function project(resource: Resource, query: URLSearchParams): Resource {
  const names = (key: string) => query.get(key)?.split(",").map((a) => a.trim().replace(/^urn:[^ ]*:/i, "").split(".")[0].toLowerCase()).filter(Boolean);
  const keep = names("attributes");
  const drop = names("excludedAttributes");
  return Object.fromEntries(Object.entries(resource).filter(([key]) => {
    const lower = key.toLowerCase();
    if (["id", "schemas", "meta"].includes(lower)) return true;
    if (keep?.length) return keep.includes(lower);
    return !drop?.includes(lower);
  }));
}

const USER_FILTER_KEYS: Record<string, keyof ScimUserLookup> = { username: "email", "emails.value": "email", emails: "email", externalid: "externalId", id: "id" };

/** The lookup a filter asks for (emails compared as stored: trimmed, lower-case). */
const userLookupOf = (filter: string | null, locale: AppLocale) =>
  lookupOf(filter, USER_FILTER_KEYS, (message) => new ScimError(400, "invalidFilter", message),
    (attribute) => translator(locale)("scim.filterAttribute", { attribute }), (key, text) => (key === "email" ? text.trim().toLowerCase() : text));

const pageSchema = z.object({ startIndex: z.number().int().min(1), count: z.number().int().min(0).max(MAX_PAGE) });

export const scimListUsersRead = accountAction({
  name: "scim.users.list",
  permission: "users.read",
  input: pageSchema.extend({ lookup: z.object({ id: z.string().optional(), email: z.string().optional(), externalId: z.string().optional() }).nullable() }),
  readOnly: true,
  handler: async ({ lookup, startIndex, count }, ctx) => findScimUsers(ctx.db, ctx.accountId, lookup, { startIndex, count }),
});

export const scimGetUserRead = accountAction({
  name: "scim.users.get",
  permission: "users.read",
  input: z.object({ id: z.string() }),
  readOnly: true,
  handler: async ({ id }, ctx) => findScimUser(ctx.db, ctx.accountId, id),
});

const state = z.object({
  firstName: addUserRowSchema.shape.firstName,
  lastName: addUserRowSchema.shape.lastName,
  externalId: z.string().max(255, { error: "validation.tooLong" }).nullable(),
  active: z.boolean(),
  locale: z.enum(LOCALES).optional(),
});

export const scimCreateUserAction = accountAction({
  name: "scim.users.create",
  permission: "users.manage",
  input: state.extend({ email: addUserRowSchema.shape.email }),
  handler: async (input, ctx) => createScimUser(ctx, input),
});

export const scimUpdateUserAction = accountAction({
  name: "scim.users.update",
  auditsItself: true,
  permission: "users.manage",
  input: state.extend({ id: z.uuid() }),
  handler: async ({ id, ...next }, ctx) => updateScimUser(ctx, id, next),
});

export const scimDeleteUserAction = accountAction({
  name: "scim.users.delete",
  permission: "users.manage",
  input: z.object({ id: z.uuid() }),
  handler: async ({ id }, ctx) => deleteScimUser(ctx, id),
});

export async function listUsers({ principal, locale }: TokenCall, request: Request) {
  const query = new URL(request.url).searchParams;
  const lookup = userLookupOf(query.get("filter"), locale);
  const startIndex = Math.max(1, intParam(query.get("startIndex"), 1));
  const count = Math.min(MAX_PAGE, Math.max(0, intParam(query.get("count"), 100)));
  const found = lookup === "none" ? { total: 0, rows: [] } : null;
  const outcome = found ? { ok: true as const, data: found } : await invokeAs(scimListUsersRead, principal, locale, { lookup, startIndex, count }, "scim");
  return scimOutcome(outcome, locale, ({ total, rows }) => scim({
    schemas: [LIST_RESPONSE], totalResults: total, startIndex, itemsPerPage: rows.length, Resources: rows.map((r) => project(userResource(r), query)),
  }));
}

async function answerUser(call: TokenCall, id: string, query: URLSearchParams, status = 200) {
  return scimOutcome(await invokeAs(scimGetUserRead, call.principal, call.locale, { id }, "scim"), call.locale, (row) => {
    const resource = userResource(row);
    return scim(project(resource, query), status, { ETag: `W/"${row.updatedAt.getTime()}"`, ...(status === 201 ? { Location: resource.meta.location } : {}) });
  });
}

export async function getUser(call: TokenCall, request: Request, { id }: Record<string, string>) {
  return answerUser(call, id, new URL(request.url).searchParams);
}

// ---- Reading what identity providers send --------------------------------------------------

/** "True", "false", true: the booleans Entra and Okta send. */
function booleanOf(value: unknown, attribute: string): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  throw new ScimError(400, "invalidValue", `${attribute} must be true or false`);
}

const text = (value: unknown, attribute: string): string => {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") throw new ScimError(400, "invalidValue", `${attribute} must be a string`);
  return value;
};

/** The work email of an `emails` value, if it names one. */
function workEmail(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const emails = value as { value?: unknown; type?: unknown; primary?: unknown }[];
  const chosen = emails.find((e) => e.primary === true || e.primary === "True" || e.primary === "true") ?? emails.find((e) => e.type === "work") ?? emails[0];
  return typeof chosen?.value === "string" ? chosen.value : undefined;
}

interface Draft {
  userName: string;
  firstName: string;
  lastName: string;
  externalId: string | null;
  active: boolean;
  locale?: AppLocale;
}

const localeOf = (value: unknown): AppLocale | undefined => {
  const base = typeof value === "string" ? value.split(/[-_]/)[0].toLowerCase() : "";
  return (LOCALES as readonly string[]).includes(base) ? (base as AppLocale) : undefined;
};

/**
 * Sets one attribute of the draft from a PATCH path (lower-case, dotted) or a resource's key.
 * `remove` passes undefined. Unknown attributes are ignored.
 */
function setAttribute(draft: Draft, path: string, value: unknown) {
  switch (path) {
    case "username":
    case "emails.value":
    case "emails[type eq \"work\"].value":
    case "emails": {
      const email = path === "emails" ? workEmail(value) : text(value, "userName");
      if (email !== undefined && email.trim().toLowerCase() !== draft.userName) throw new ScimError(400, "mutability", "userName (the work email) can't change");
      return;
    }
    case "name":
      if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) setAttribute(draft, `name.${k.toLowerCase()}`, v);
      else if (value === undefined || value === null) Object.assign(draft, { lastName: "" });
      return;
    case "name.givenname":
      draft.firstName = text(value, "name.givenName");
      return;
    case "name.familyname":
      draft.lastName = text(value, "name.familyName");
      return;
    case "externalid":
      draft.externalId = value === undefined || value === null || value === "" ? null : String(value);
      return;
    case "active":
      draft.active = value === undefined ? true : booleanOf(value, "active");
      return;
    case "preferredlanguage":
    case "locale":
      draft.locale = localeOf(value) ?? draft.locale;
      return;
    default:
      return; // title, phoneNumbers, addresses, the enterprise extension…: not kept here
  }
}

/** A path as sent (any case, the core schema's URN prefix allowed) → the draft's lower-case path. */
const pathKey = (path: string) => path.trim().replace(/^urn:ietf:params:scim:schemas:core:2\.0:User:/i, "").toLowerCase();

/** Applies PATCH operations (RFC 7644 §3.5.2) to the user's state. */
export function applyPatch(draft: Draft, body: Record<string, unknown>): Draft {
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_OP)) throw new ScimError(400, "invalidSyntax", `A PATCH names the schema ${PATCH_OP}`);
  const operations = body.Operations ?? body.operations;
  if (!Array.isArray(operations)) throw new ScimError(400, "invalidSyntax", "A PATCH has Operations");
  const next = { ...draft };
  for (const operation of operations as { op?: unknown; path?: unknown; value?: unknown }[]) {
    const op = typeof operation.op === "string" ? operation.op.toLowerCase() : "";
    if (!["add", "replace", "remove"].includes(op)) throw new ScimError(400, "invalidSyntax", `Unknown op ${String(operation.op)}`);
    if (typeof operation.path === "string" && operation.path.trim() !== "") {
      setAttribute(next, pathKey(operation.path), op === "remove" ? undefined : operation.value);
    } else if (op === "remove") {
      throw new ScimError(400, "noTarget", "A remove names its path");
    } else if (operation.value && typeof operation.value === "object" && !Array.isArray(operation.value)) {
      // Pathless: keys are attributes, possibly dotted ("name.givenName").
      for (const [key, value] of Object.entries(operation.value)) setAttribute(next, pathKey(key), value);
    } else {
      throw new ScimError(400, "invalidValue", "A change without a path gives an object of attributes");
    }
  }
  return next;
}

/** A user resource as POST or PUT sends it, over the draft (the current user for PUT). */
function fromResource(draft: Draft, body: Record<string, unknown>, replace: boolean): Draft {
  const next = { ...draft };
  for (const [key, value] of Object.entries(body)) {
    const lower = key.toLowerCase();
    if (["schemas", "id", "meta", "displayname"].includes(lower)) continue;
    if ((lower === "username" || lower === "emails") && !replace) continue; // a new user's address is its userName, read already
    setAttribute(next, lower, value);
  }
  return next;
}

function newUserDraft(body: Record<string, unknown>): Draft {
  const userName = typeof body.userName === "string" ? body.userName.trim().toLowerCase() : "";
  if (!userName) throw new ScimError(400, "invalidValue", "userName is required: the user's work email");
  const displayName = typeof body.displayName === "string" ? body.displayName.trim() : "";
  const draft = fromResource({ userName, firstName: "", lastName: "", externalId: null, active: true }, body, false);
  if (!draft.firstName.trim()) draft.firstName = displayName || userName.split("@")[0];
  return draft;
}

export async function createUser(call: TokenCall, request: Request) {
  const draft = newUserDraft(await scimBody(request, call.locale));
  const { userName, ...rest } = draft;
  const created = await invokeAs(scimCreateUserAction, call.principal, call.locale, { ...rest, email: userName }, "scim");
  return scimOutcome(created, call.locale, ({ id }) => answerUser(call, id, new URL(request.url).searchParams, 201));
}

async function currentDraft(call: TokenCall, id: string): Promise<Draft | Response> {
  const current = await invokeAs(scimGetUserRead, call.principal, call.locale, { id }, "scim");
  if (!current.ok) return scimOutcome(current, call.locale, () => new Response());
  const row = current.data;
  return { userName: row.email, firstName: row.firstName, lastName: row.lastName, externalId: row.externalId, active: row.status !== "SUSPENDED", locale: row.locale };
}

async function save(call: TokenCall, id: string, draft: Draft, query: URLSearchParams) {
  const { userName: _u, ...next } = draft;
  const saved = await invokeAs(scimUpdateUserAction, call.principal, call.locale, { ...next, id }, "scim");
  return scimOutcome(saved, call.locale, () => answerUser(call, id, query));
}

export async function replaceUser(call: TokenCall, request: Request, { id }: Record<string, string>) {
  const current = await currentDraft(call, id);
  if (current instanceof Response) return current;
  const body = await scimBody(request, call.locale);
  // PUT replaces: what isn't sent is cleared (names), except `active`, which stays as it is.
  const draft = fromResource({ ...current, lastName: "", externalId: null }, body, true);
  if (!draft.firstName.trim()) draft.firstName = current.firstName;
  return save(call, id, draft, new URL(request.url).searchParams);
}

export async function patchUser(call: TokenCall, request: Request, { id }: Record<string, string>) {
  const current = await currentDraft(call, id);
  if (current instanceof Response) return current;
  return save(call, id, applyPatch(current, await scimBody(request, call.locale)), new URL(request.url).searchParams);
}

export async function deleteUser(call: TokenCall, _request: Request, { id }: Record<string, string>) {
  const deleted = await invokeAs(scimDeleteUserAction, call.principal, call.locale, { id }, "scim");
  return scimOutcome(deleted, call.locale, () => new Response(null, { status: 204 }));
}

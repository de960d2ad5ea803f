// SCIM Groups: an account's user groups. A user is in one group at most, so adding a member moves
// them from their group; removing members takes out only those named. Members are shown up to
// MAX_GROUP_MEMBERS (`excludedAttributes=members` skips them, as Entra asks).
import "server-only";
import { z } from "zod";
import { accountAction, invokeAs } from "@/lib/actions/define-action";
import { appUrl } from "@/lib/app-url";
import { changeScimGroup, createScimGroup, deleteScimGroup, findScimGroup, findScimGroups, type ScimGroupChange, type ScimGroupLookup, type ScimGroupRow } from "@/lib/scim/groups";
import { groupNameSchema } from "@/lib/validation/groups";
import { intParam, lookupOf } from "./filter";
import { scim, scimBody, ScimError, scimOutcome } from "./scim";
import { LIST_RESPONSE, MAX_PAGE, project } from "./users";
import type { TokenCall } from "../token-request";

export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const base = () => `${appUrl()}/scim/v2`;

function groupResource(row: ScimGroupRow, withMembers: boolean) {
  return {
    schemas: [GROUP_SCHEMA],
    id: row.id,
    displayName: row.name,
    ...(row.externalId !== null ? { externalId: row.externalId } : {}),
    ...(withMembers ? { members: row.members.map((m) => ({ value: m.id, display: `${m.firstName} ${m.lastName}`.trim(), $ref: `${base()}/Users/${m.id}` })) } : {}),
    meta: { resourceType: "Group", created: row.createdAt.toISOString(), lastModified: row.createdAt.toISOString(), location: `${base()}/Groups/${row.id}` },
  };
}

/** Whether the query leaves members out (`excludedAttributes=members`, or `attributes` without it). */
function wantsMembers(query: URLSearchParams): boolean {
  const list = (key: string) => query.get(key)?.split(",").map((a) => a.trim().toLowerCase());
  const attributes = list("attributes");
  if (attributes) return attributes.includes("members");
  return !list("excludedAttributes")?.includes("members");
}

const lookupSchema = z.object({ id: z.string().optional(), name: z.string().optional(), externalId: z.string().optional() }).nullable();

export const scimListGroupsRead = accountAction({
  name: "scim.groups.list",
  permission: "users.read",
  input: z.object({ lookup: lookupSchema, startIndex: z.number().int().min(1), count: z.number().int().min(0).max(MAX_PAGE), members: z.boolean() }),
  readOnly: true,
  handler: async ({ lookup, startIndex, count, members }, ctx) => findScimGroups(ctx.db, ctx.accountId, lookup, { startIndex, count }, members),
});

export const scimGetGroupRead = accountAction({
  name: "scim.groups.get",
  permission: "users.read",
  input: z.object({ id: z.string(), members: z.boolean() }),
  readOnly: true,
  handler: async ({ id, members }, ctx) => findScimGroup(ctx.db, ctx.accountId, id, members),
});

const memberIds = z.array(z.string()).max(MAX_PAGE * 50);
const externalId = z.string().max(255, { error: "validation.tooLong" }).nullable();

export const scimCreateGroupAction = accountAction({
  name: "scim.groups.create",
  permission: "groups.manage",
  input: z.object({ name: groupNameSchema, externalId, members: memberIds }),
  handler: async (input, ctx) => createScimGroup(ctx, input),
});

export const scimChangeGroupAction = accountAction({
  name: "scim.groups.change",
  auditsItself: true,
  permission: "groups.manage",
  input: z.object({
    id: z.uuid(), name: groupNameSchema.optional(), externalId: externalId.optional(),
    add: memberIds.optional(), remove: memberIds.optional(), replace: memberIds.optional(),
  }),
  handler: async ({ id, ...change }, ctx) => changeScimGroup(ctx, id, change),
});

export const scimDeleteGroupAction = accountAction({
  name: "scim.groups.delete",
  permission: "groups.manage",
  input: z.object({ id: z.uuid() }),
  handler: async ({ id }, ctx) => deleteScimGroup(ctx, id),
});

const groupLookupOf = (filter: string | null) =>
  lookupOf(filter, { displayname: "name", externalid: "externalId", id: "id" } as Record<string, keyof ScimGroupLookup>,
    (message) => new ScimError(400, "invalidFilter", message), (path) => `Groups can't be filtered by ${path}: use displayName, externalId or id`);

export async function listGroups({ principal, locale }: TokenCall, request: Request) {
  const query = new URL(request.url).searchParams;
  const lookup = groupLookupOf(query.get("filter"));
  const startIndex = Math.max(1, intParam(query.get("startIndex"), 1));
  const count = Math.min(MAX_PAGE, Math.max(0, intParam(query.get("count"), 100)));
  const members = wantsMembers(query);
  const outcome = lookup === "none"
    ? { ok: true as const, data: { total: 0, rows: [] } }
    : await invokeAs(scimListGroupsRead, principal, locale, { lookup, startIndex, count, members }, "scim");
  return scimOutcome(outcome, locale, ({ total, rows }) => scim({
    schemas: [LIST_RESPONSE], totalResults: total, startIndex, itemsPerPage: rows.length, Resources: rows.map((r) => project(groupResource(r, members), query)),
  }));
}

async function answerGroup(call: TokenCall, id: string, query: URLSearchParams, status = 200) {
  const members = wantsMembers(query);
  return scimOutcome(await invokeAs(scimGetGroupRead, call.principal, call.locale, { id, members }, "scim"), call.locale, (row) => {
    const resource = groupResource(row, members);
    return scim(project(resource, query), status, status === 201 ? { Location: resource.meta.location } : undefined);
  });
}

export const getGroup = (call: TokenCall, request: Request, { id }: Record<string, string>) => answerGroup(call, id, new URL(request.url).searchParams);

/** The user ids of a `members` value: [{ value: id }]. */
function idsOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((m) => {
    const id = m && typeof m === "object" ? (m as { value?: unknown }).value : undefined;
    if (typeof id !== "string") throw new ScimError(400, "invalidValue", "A member is { \"value\": \"<user id>\" }");
    return id;
  });
}

const textOf = (value: unknown, attribute: string) => {
  if (typeof value !== "string") throw new ScimError(400, "invalidValue", `${attribute} must be a string`);
  return value;
};

/** PATCH operations on a group → one change. `members[value eq "id"]` removes that member only. */
export function groupChangeOf(body: Record<string, unknown>): ScimGroupChange {
  if (!Array.isArray(body.schemas) || !body.schemas.includes(PATCH_OP)) throw new ScimError(400, "invalidSyntax", `A PATCH names the schema ${PATCH_OP}`);
  const operations = body.Operations ?? body.operations;
  if (!Array.isArray(operations)) throw new ScimError(400, "invalidSyntax", "A PATCH has Operations");
  const change: ScimGroupChange = {};
  const push = (key: "add" | "remove", ids: string[]) => (change[key] = [...(change[key] ?? []), ...ids]);
  for (const operation of operations as { op?: unknown; path?: unknown; value?: unknown }[]) {
    const op = typeof operation.op === "string" ? operation.op.toLowerCase() : "";
    if (!["add", "replace", "remove"].includes(op)) throw new ScimError(400, "invalidSyntax", `Unknown op ${String(operation.op)}`);
    const path = typeof operation.path === "string" ? operation.path.trim() : "";
    const memberFilter = /^members\[\s*value\s+eq\s+"([^"]+)"\s*\]$/i.exec(path);
    if (memberFilter) {
      if (op !== "remove") throw new ScimError(400, "invalidPath", "Only a remove names one member by filter");
      push("remove", [memberFilter[1]]);
    } else if (path.toLowerCase() === "members") {
      if (op === "add") push("add", idsOf(operation.value));
      else if (op === "remove") {
        if (operation.value === undefined) change.replace = [];
        else push("remove", idsOf(operation.value));
      } else change.replace = idsOf(operation.value);
    } else if (path.toLowerCase() === "displayname") {
      if (op === "remove") throw new ScimError(400, "mutability", "A group keeps its displayName");
      change.name = textOf(operation.value, "displayName");
    } else if (path.toLowerCase() === "externalid") {
      change.externalId = op === "remove" || operation.value === null ? null : textOf(operation.value, "externalId");
    } else if (path === "") {
      if (op === "remove" || !operation.value || typeof operation.value !== "object") throw new ScimError(400, "invalidValue", "A change without a path gives an object of attributes");
      for (const [key, value] of Object.entries(operation.value)) {
        const lower = key.toLowerCase();
        if (lower === "displayname") change.name = textOf(value, "displayName");
        else if (lower === "externalid") change.externalId = value === null ? null : textOf(value, "externalId");
        else if (lower === "members") op === "add" ? push("add", idsOf(value)) : (change.replace = idsOf(value));
      }
    }
    // Other paths name attributes groups don't keep here: ignored.
  }
  return change;
}

export async function createGroup(call: TokenCall, request: Request) {
  const body = await scimBody(request, call.locale);
  const name = typeof body.displayName === "string" ? body.displayName : "";
  const input = { name, externalId: typeof body.externalId === "string" ? body.externalId : null, members: idsOf(body.members) };
  const created = await invokeAs(scimCreateGroupAction, call.principal, call.locale, input, "scim");
  return scimOutcome(created, call.locale, ({ id }) => answerGroup(call, id, new URL(request.url).searchParams, 201));
}

async function change(call: TokenCall, id: string, changes: ScimGroupChange, query: URLSearchParams) {
  const changed = await invokeAs(scimChangeGroupAction, call.principal, call.locale, { ...changes, id }, "scim");
  return scimOutcome(changed, call.locale, () => answerGroup(call, id, query));
}

export async function patchGroup(call: TokenCall, request: Request, { id }: Record<string, string>) {
  const body = await scimBody(request, call.locale);
  const query = new URL(request.url).searchParams;
  const changes = groupChangeOf(body);
  // Entra expects 204 for a group PATCH, Okta a 200 with the group: both accept the group.
  return change(call, id, changes, query);
}

export async function replaceGroup(call: TokenCall, request: Request, { id }: Record<string, string>) {
  const body = await scimBody(request, call.locale);
  const name = typeof body.displayName === "string" ? body.displayName : undefined;
  return change(call, id, { name, externalId: typeof body.externalId === "string" ? body.externalId : null, replace: idsOf(body.members) }, new URL(request.url).searchParams);
}

export async function deleteGroupRoute(call: TokenCall, _request: Request, { id }: Record<string, string>) {
  const deleted = await invokeAs(scimDeleteGroupAction, call.principal, call.locale, { id }, "scim");
  return scimOutcome(deleted, call.locale, () => new Response(null, { status: 204 }));
}


// REST operations on the account: groups, subscriptions (seats) and the audit log.
import "server-only";
import { z } from "zod";
import { createGroupAction, deleteGroupAction, renameGroupAction } from "@/app/(app)/people/groups/actions";
import { getAccountOverview } from "@/lib/account/overview";
import { accountAction, invokeAs } from "@/lib/actions/define-action";
import { auditWhere, listAuditEvents, parseAuditCursor } from "@/lib/audit/queries";
import { getDb } from "@/lib/db/client";
import { listGroups } from "@/lib/groups/groups";
import { isCalendarDay } from "@/lib/time-zone";
import { json, outcomeResponse } from "../problem";
import { defineOperation } from "./operation";

const groupSchema = z.object({ id: z.uuid(), name: z.string(), memberCount: z.number().int() }).meta({ id: "Group" });
const groupName = z.object({ name: z.string() }).meta({ id: "GroupName" });

export const listGroupsRead = accountAction({
  name: "api.groups.list",
  permission: "users.read",
  input: z.object({}),
  readOnly: true,
  handler: async (_input, ctx) => ({ data: await listGroups(ctx.db, ctx.accountId, ctx.locale) }),
});

export const listGroupsOp = defineOperation({
  id: "listGroups",
  method: "GET",
  path: "/groups",
  tag: "Groups",
  summary: "List groups",
  description: "Every group of the account with its member count, in alphabetical order.",
  permission: "users.read",
  responses: { 200: z.object({ data: z.array(groupSchema) }).meta({ id: "GroupList" }) },
  handle: async ({ principal, locale }) => outcomeResponse(await invokeAs(listGroupsRead, principal, locale, {}), locale, (list) => json(list)),
});

export const createGroupOp = defineOperation({
  id: "createGroup",
  method: "POST",
  path: "/groups",
  tag: "Groups",
  summary: "Create a group",
  description: "Group names are unique in the account, case aside (409).",
  permission: "groups.manage",
  body: groupName,
  responses: { 201: z.object({ id: z.uuid(), name: z.string() }) },
  handle: async ({ principal, locale }, { body }) =>
    outcomeResponse(await invokeAs(createGroupAction, principal, locale, body), locale, ({ id, name }) => json({ id, name }, 201)),
});

export const renameGroupOp = defineOperation({
  id: "renameGroup",
  method: "PATCH",
  path: "/groups/{id}",
  tag: "Groups",
  summary: "Rename a group",
  permission: "groups.manage",
  body: groupName,
  responses: { 200: z.object({ id: z.uuid(), name: z.string() }) },
  handle: async ({ principal, locale }, { params, body }) =>
    outcomeResponse(await invokeAs(renameGroupAction, principal, locale, { ...body, id: params.id }), locale, (group) => json(group)),
});

export const deleteGroupOp = defineOperation({
  id: "deleteGroup",
  method: "DELETE",
  path: "/groups/{id}",
  tag: "Groups",
  summary: "Delete a group",
  description: "Its members stay, in no group.",
  permission: "groups.manage",
  responses: { 204: null },
  handle: async ({ principal, locale }, { params }) =>
    outcomeResponse(await invokeAs(deleteGroupAction, principal, locale, { id: params.id }), locale, () => new Response(null, { status: 204 })),
});

const subscriptionSchema = z.object({
  product: z.string(),
  productName: z.string(),
  seatsPurchased: z.number().int(),
  seatsUsed: z.number().int(),
  renewsAt: z.iso.datetime({ offset: true }).nullable(),
  status: z.string(),
}).meta({ id: "Subscription" });

export const listSubscriptionsRead = accountAction({
  name: "api.subscriptions.list",
  permission: "account.overview",
  input: z.object({}),
  readOnly: true,
  handler: async (_input, ctx) => ({
    data: (await getAccountOverview(ctx.db, ctx.accountId)).subscriptions.map((s) => ({
      product: s.id, productName: s.productName, seatsPurchased: s.seatsPurchased, seatsUsed: s.seatsUsed,
      renewsAt: s.renewsAt ? new Date(s.renewsAt).toISOString() : null, status: String(s.status),
    })),
  }),
});

export const listSubscriptionsOp = defineOperation({
  id: "listSubscriptions",
  method: "GET",
  path: "/subscriptions",
  tag: "Licences",
  summary: "List subscriptions and seats",
  permission: "account.overview",
  responses: { 200: z.object({ data: z.array(subscriptionSchema) }).meta({ id: "SubscriptionList" }) },
  handle: async ({ principal, locale }) => outcomeResponse(await invokeAs(listSubscriptionsRead, principal, locale, {}), locale, (list) => json(list)),
});

const calendarDay = z.string().refine(isCalendarDay, { error: "validation.invalid" });

const auditQuery = z.object({
  /** A user id, or "system" for events no user caused. */
  actor: z.union([z.literal("system"), z.uuid()]).optional(),
  action: z.string().regex(/^[a-zA-Z][a-zA-Z0-9._-]{0,79}$/).optional(),
  /** A target's id, or part of the name or email of the user it was about. */
  target: z.string().max(100).optional(),
  /** Calendar days (UTC), `to` included. */
  from: calendarDay.optional(),
  to: calendarDay.optional(),
  after: z.string().max(200).optional(),
});

const auditEventSchema = z.object({
  id: z.uuid(),
  action: z.string(),
  actorId: z.uuid().nullable(),
  /** The API token the change was made with, if one was. */
  actorTokenId: z.uuid().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  before: z.unknown(),
  after: z.unknown(),
}).meta({ id: "AuditEvent" });

export const listAuditEventsRead = accountAction({
  name: "api.auditEvents.list",
  permission: "audit.read",
  input: auditQuery,
  readOnly: true,
  handler: async ({ after, ...filters }, ctx) => {
    const db = getDb(); // a read: the plain client, as ctx.db is for a readOnly action
    const where = await auditWhere(db, ctx.accountId, filters, "UTC");
    const page = await listAuditEvents(db, ctx.accountId, parseAuditCursor(after), { where });
    const tokens = await db.auditEvent.findMany({ where: { id: { in: page.events.map((e) => e.id) } }, select: { id: true, actorTokenId: true } });
    const tokenOf = new Map(tokens.map((t) => [t.id, t.actorTokenId]));
    return {
      data: page.events.map((e) => ({
        id: e.id, action: e.action, actorId: e.actorId, actorTokenId: tokenOf.get(e.id) ?? null, targetType: e.targetType, targetId: e.targetId,
        createdAt: e.createdAt.toISOString(), before: e.before ?? null, after: e.after ?? null,
      })),
      nextCursor: page.nextCursor ?? null,
    };
  },
});

export const listAuditEventsOp = defineOperation({
  id: "listAuditEvents",
  method: "GET",
  path: "/audit-events",
  tag: "Audit log",
  summary: "List audit events",
  description: "Newest first, 50 a page; follow `nextCursor` with `after`.",
  permission: "audit.read",
  query: auditQuery,
  responses: { 200: z.object({ data: z.array(auditEventSchema), nextCursor: z.string().nullable() }).meta({ id: "AuditEventList" }) },
  handle: async ({ principal, locale }, { query }) => outcomeResponse(await invokeAs(listAuditEventsRead, principal, locale, query), locale, (page) => json(page)),
});

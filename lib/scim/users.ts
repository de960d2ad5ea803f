import "server-only";
import type { ActionContext } from "@/lib/actions/define-action";
import { NotFoundError, UserFacingError } from "@/lib/actions/errors";
import type { Db, Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Locale, UserStatus } from "@/lib/generated/prisma/enums";
import { addUserRows } from "@/lib/users/add";
import { deleteUsers, reactivateUsers, suspendUsers } from "@/lib/users/bulk";
import { userCounts } from "@/lib/users/counts";
import { updateUserProfile } from "@/lib/users/detail";
import { isUuid } from "@/lib/validation/uuid";

/** A user as SCIM shows them (http/scim/users.ts turns it into the resource). */
export interface ScimUserRow {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  status: UserStatus;
  locale: Locale;
  timeZone: string;
  createdAt: Date;
  updatedAt: Date;
  externalId: string | null;
  groups: { id: string; name: string }[];
}

/** What a SCIM filter may look users up by: each unique, so a filter finds at most one user. */
export interface ScimUserLookup {
  id?: string;
  email?: string;
  externalId?: string;
}

const columns = Prisma.sql`u.id::text AS id, u.email, u."firstName", u."lastName", u.status::text AS status, u.locale::text AS locale, u."timeZone",
  u."createdAt", u."updatedAt", s."externalId",
  COALESCE((SELECT json_agg(json_build_object('id', g.id, 'name', g.name)) FROM "UserGroup" g WHERE g.id = u."groupId"), '[]'::json) AS groups`;

/**
 * A page of the account's users for SCIM: looked up by id, email or externalId (one user at most),
 * or the whole account in creation order, `startIndex` 1-based, its total from the counters (no
 * count of the account). SCIM pages by offset: identity providers read the list once, at the start.
 */
export async function findScimUsers(db: Db | Tx, accountId: string, lookup: ScimUserLookup | null, page: { startIndex: number; count: number }) {
  if (lookup) {
    if (lookup.id !== undefined && !isUuid(lookup.id)) return { total: 0, rows: [] };
    const conditions = [
      lookup.id !== undefined ? Prisma.sql`u.id = ${lookup.id}::uuid` : Prisma.empty,
      lookup.email !== undefined ? Prisma.sql`u.email = ${lookup.email.trim().toLowerCase()}` : Prisma.empty,
      lookup.externalId !== undefined ? Prisma.sql`s."externalId" = ${lookup.externalId}` : Prisma.empty,
    ].filter((c) => c !== Prisma.empty);
    const rows = await db.$queryRaw<ScimUserRow[]>`
      SELECT ${columns} FROM "User" u LEFT JOIN "ScimUser" s ON s."userId" = u.id
      WHERE u."accountId" = ${accountId}::uuid AND ${Prisma.join(conditions, " AND ")} LIMIT 1`;
    return { total: rows.length, rows: page.startIndex > 1 ? [] : rows.slice(0, page.count) };
  }
  const total = (await userCounts(db, accountId)).get("all") ?? 0;
  const rows = page.count === 0 ? [] : await db.$queryRaw<ScimUserRow[]>`
    SELECT ${columns} FROM "User" u LEFT JOIN "ScimUser" s ON s."userId" = u.id
    WHERE u."accountId" = ${accountId}::uuid ORDER BY u."createdAt", u.id OFFSET ${page.startIndex - 1} LIMIT ${page.count}`;
  return { total, rows };
}

export async function findScimUser(db: Db | Tx, accountId: string, id: string): Promise<ScimUserRow> {
  const [row] = (await findScimUsers(db, accountId, { id }, { startIndex: 1, count: 1 })).rows;
  if (!row) throw new NotFoundError();
  return row;
}

/** What SCIM may set on a user: the rest (role, licences) is the app's. */
export interface ScimUserState {
  firstName: string;
  lastName: string;
  externalId: string | null;
  active: boolean;
  locale?: Locale;
}

const uniqueness = (what: "userName" | "externalId") => new UserFacingError(`scim.uniqueness.${what}`);

async function assertExternalIdFree(db: Tx, accountId: string, externalId: string | null, userId: string | null) {
  if (externalId === null) return;
  const holder = await db.scimUser.findUnique({ where: { accountId_externalId: { accountId, externalId } }, select: { userId: true } });
  if (holder && holder.userId !== userId) throw uniqueness("externalId");
}

async function setExternalId(db: Tx, accountId: string, userId: string, externalId: string | null) {
  if (externalId === null) await db.scimUser.deleteMany({ where: { userId, accountId } });
  else await db.scimUser.upsert({ where: { userId }, create: { userId, accountId, externalId }, update: { externalId } });
}

/**
 * A user provisioned by the identity provider: added as Add user adds one (a Member, no licence,
 * a welcome invitation), its externalId kept. An address already in use — here or in another
 * account — is a uniqueness conflict: SCIM never sends a transfer invitation.
 */
export async function createScimUser(ctx: ActionContext, input: ScimUserState & { email: string }) {
  // Two clients creating the same person wait for each other (the second then finds the address
  // or the externalId taken); creates of different people run side by side. Always the address
  // first, then the externalId, so two creates never wait for each other in a cycle.
  await ctx.db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`scim-user-email:${input.email}`}, 0))`;
  if (input.externalId !== null) {
    await ctx.db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`scim-user-external:${ctx.accountId}:${input.externalId}`}, 0))`;
  }
  if (await ctx.db.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw uniqueness("userName");
  await assertExternalIdFree(ctx.db, ctx.accountId, input.externalId, null);
  const [outcome] = await addUserRows(ctx, [{
    row: 1, email: input.email, firstName: input.firstName, lastName: input.lastName, locale: input.locale ?? ctx.user.locale,
    timeZone: "UTC", groupId: null, role: "MEMBER",
  }], { products: [], shortage: "refuse" });
  if (outcome.outcome !== "created") throw uniqueness("userName");
  const user = await ctx.db.user.findUniqueOrThrow({ where: { email: input.email }, select: { id: true } });
  await setExternalId(ctx.db, ctx.accountId, user.id, input.externalId);
  if (!input.active) await suspendUsers(ctx, { mode: "ids", ids: [user.id] }, 1);
  return { id: user.id };
}

/**
 * The identity provider's new state of a user (PUT, or PATCH once applied): names and language
 * through the user page's own update, `active` through suspend and reactivate, the externalId
 * beside. Changes nothing that is already so.
 */
export async function updateScimUser(ctx: ActionContext, id: string, next: ScimUserState) {
  const current = await findScimUser(ctx.db, ctx.accountId, id);
  await assertExternalIdFree(ctx.db, ctx.accountId, next.externalId, id);
  const user = await ctx.db.user.findFirstOrThrow({ where: { id, accountId: ctx.accountId }, select: { role: true, groupId: true } });
  const locale = next.locale ?? current.locale;
  if (next.firstName !== current.firstName || next.lastName !== current.lastName || locale !== current.locale) {
    await updateUserProfile(ctx, {
      id, firstName: next.firstName, lastName: next.lastName, locale, timeZone: current.timeZone, groupId: user.groupId ?? "none", role: user.role,
    });
  }
  if (next.externalId !== current.externalId) {
    await setExternalId(ctx.db, ctx.accountId, id, next.externalId);
    ctx.audit({ action: "scim.externalId", targetType: "user", targetId: id, before: { externalId: current.externalId }, after: { externalId: next.externalId } });
  }
  const suspended = current.status === "SUSPENDED";
  if (!next.active && !suspended) await suspendUsers(ctx, { mode: "ids", ids: [id] }, 1);
  if (next.active && suspended) await reactivateUsers(ctx, { mode: "ids", ids: [id] }, 1);
  return { id };
}

/** Deletes a user as the users list does: their licences are freed, their sessions end. */
export async function deleteScimUser(ctx: ActionContext, id: string) {
  await findScimUser(ctx.db, ctx.accountId, id);
  await deleteUsers(ctx, { mode: "ids", ids: [id] }, 1);
  return { id };
}

import "server-only";
import type { ActionContext } from "@/lib/actions/define-action";
import { NotFoundError, UserFacingError } from "@/lib/actions/errors";
import type { Db, Tx } from "@/lib/db/client";
import { createGroup, deleteGroup, renameGroup } from "@/lib/groups/groups";
import { applyProvisioningRules } from "@/lib/provisioning/rules";
import { changeGroup } from "@/lib/users/bulk";
import { isUuid } from "@/lib/validation/uuid";

/** Members a SCIM group shows at most (a user list of its own is the users list's group filter). */
export const MAX_GROUP_MEMBERS = 10_000;

export interface ScimGroupRow {
  id: string;
  name: string;
  createdAt: Date;
  externalId: string | null;
  members: { id: string; firstName: string; lastName: string }[];
}

export interface ScimGroupLookup {
  id?: string;
  name?: string;
  externalId?: string;
}

async function load(db: Db | Tx, accountId: string, where: { id?: string; name?: string; externalId?: string }, page: { skip: number; take: number }, withMembers: boolean) {
  const groups = await db.userGroup.findMany({
    where: {
      accountId,
      ...(where.id !== undefined ? { id: where.id } : {}),
      ...(where.name !== undefined ? { name: where.name } : {}),
      ...(where.externalId !== undefined ? { scim: { externalId: where.externalId } } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip: page.skip,
    take: page.take,
    select: {
      id: true, name: true, createdAt: true, scim: { select: { externalId: true } },
      ...(withMembers ? { users: { select: { id: true, firstName: true, lastName: true }, orderBy: { id: "asc" as const }, take: MAX_GROUP_MEMBERS } } : {}),
    },
  });
  return groups.map((g): ScimGroupRow => ({ id: g.id, name: g.name, createdAt: g.createdAt, externalId: g.scim?.externalId ?? null, members: "users" in g ? (g.users as ScimGroupRow["members"]) : [] }));
}

/** A page of the account's groups for SCIM, by id, displayName or externalId, or all in creation order. */
export async function findScimGroups(db: Db | Tx, accountId: string, lookup: ScimGroupLookup | null, page: { startIndex: number; count: number }, withMembers: boolean) {
  if (lookup?.id !== undefined && !isUuid(lookup.id)) return { total: 0, rows: [] };
  const where = lookup ?? {};
  const total = await db.userGroup.count({
    where: { accountId, ...(where.id ? { id: where.id } : {}), ...(where.name !== undefined ? { name: where.name } : {}), ...(where.externalId !== undefined ? { scim: { externalId: where.externalId } } : {}) },
  });
  const rows = page.count === 0 ? [] : await load(db, accountId, where, { skip: page.startIndex - 1, take: page.count }, withMembers);
  return { total, rows };
}

export async function findScimGroup(db: Db | Tx, accountId: string, id: string, withMembers = true): Promise<ScimGroupRow> {
  if (!isUuid(id)) throw new NotFoundError();
  const [row] = await load(db, accountId, { id }, { skip: 0, take: 1 }, withMembers);
  if (!row) throw new NotFoundError();
  return row;
}

export interface ScimGroupChange {
  name?: string;
  /** undefined: unchanged; null: none. */
  externalId?: string | null;
  /** Members to add (moved from their group: a user is in one group at most). */
  add?: string[];
  /** Members to take out of this group (and of no other). */
  remove?: string[];
  /** The whole member list (PUT, or a replace of `members`). */
  replace?: string[];
}

async function setExternalId(db: Tx, accountId: string, groupId: string, externalId: string | null) {
  if (externalId === null) {
    await db.scimGroup.deleteMany({ where: { groupId, accountId } });
    return;
  }
  const holder = await db.scimGroup.findUnique({ where: { accountId_externalId: { accountId, externalId } }, select: { groupId: true } });
  if (holder && holder.groupId !== groupId) throw new UserFacingError("scim.uniqueness.externalId");
  await db.scimGroup.upsert({ where: { groupId }, create: { groupId, accountId, externalId }, update: { externalId } });
}

/** The account's users among `ids` (all of them, or the change is refused: an unknown member is an error, not skipped). */
async function accountUsers(db: Tx, accountId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  if (unique.some((id) => !isUuid(id))) throw new UserFacingError("scim.unknownMember");
  const found = await db.user.findMany({ where: { accountId, id: { in: unique } }, select: { id: true, groupId: true } });
  if (found.length !== unique.length) throw new UserFacingError("scim.unknownMember");
  return found;
}

/**
 * Changes a group as SCIM asks, through the groups page's and the users list's own functions
 * (audited like them): its name, externalId, and members added, removed or replaced. Removing
 * members takes out only those named; other members stay.
 */
export async function changeScimGroup(ctx: ActionContext, id: string, change: ScimGroupChange) {
  const group = await findScimGroup(ctx.db, ctx.accountId, id, false);
  if (change.name !== undefined && change.name !== group.name) {
    const renamed = await renameGroup(ctx.db, ctx.accountId, id, change.name);
    ctx.audit({ action: "group.rename", targetType: "group", targetId: id, before: { name: renamed.previousName }, after: { name: renamed.name } });
  }
  if (change.externalId !== undefined && change.externalId !== group.externalId) {
    await setExternalId(ctx.db, ctx.accountId, id, change.externalId);
    ctx.audit({ action: "scim.externalId", targetType: "group", targetId: id, before: { externalId: group.externalId }, after: { externalId: change.externalId } });
  }
  let add = change.add ?? [];
  let remove = change.remove ?? [];
  if (change.replace) {
    const current = await ctx.db.user.findMany({ where: { accountId: ctx.accountId, groupId: id }, select: { id: true } });
    const wanted = new Set(change.replace);
    add = [...add, ...change.replace];
    remove = [...remove, ...current.map((u) => u.id).filter((u) => !wanted.has(u))];
  }
  const joining = (await accountUsers(ctx.db, ctx.accountId, add)).filter((u) => u.groupId !== id);
  const leaving = (await accountUsers(ctx.db, ctx.accountId, remove)).filter((u) => u.groupId === id).map((u) => u.id);
  if (joining.length > 0) await changeGroup(ctx, { mode: "ids", ids: joining.map((u) => u.id) }, joining.length, id);
  if (leaving.length > 0) await changeGroup(ctx, { mode: "ids", ids: leaving }, leaving.length, null);
  // Settings › Provisioning: joiners first lose the products of the groups they left (freeing
  // seats), then everyone gets or loses this group's.
  const previous = new Map<string, string[]>();
  for (const u of joining) if (u.groupId) previous.set(u.groupId, [...(previous.get(u.groupId) ?? []), u.id]);
  for (const [from, users] of previous) await applyProvisioningRules(ctx, from, [], users);
  await applyProvisioningRules(ctx, id, joining.map((u) => u.id), leaving);
  return { id };
}

export async function createScimGroup(ctx: ActionContext, input: { name: string; externalId: string | null; members: string[] }) {
  const group = await createGroup(ctx.db, ctx.accountId, input.name);
  ctx.audit({ action: "group.create", targetType: "group", targetId: group.id, after: { name: group.name } });
  await changeScimGroup(ctx, group.id, { externalId: input.externalId, add: input.members });
  return { id: group.id };
}

export async function deleteScimGroup(ctx: ActionContext, id: string) {
  if (!isUuid(id)) throw new NotFoundError();
  const group = await deleteGroup(ctx.db, ctx.accountId, id);
  ctx.audit({ action: "group.delete", targetType: "group", targetId: group.id, before: { name: group.name, memberCount: group.memberCount } });
  return { id };
}

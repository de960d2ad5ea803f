import "server-only";
import { NotFoundError, UserFacingError } from "@/lib/actions/errors";
import type { ActionContext } from "@/lib/actions/define-action";
import type { Tx } from "@/lib/db/client";
import type { AccountRole, UserStatus } from "@/lib/generated/prisma/enums";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCanAssignRole, rolesAbove } from "@/lib/permissions";
import { MAX_IN_REQUEST } from "@/lib/users/bulk-operations";
import { countMatchingUpTo } from "@/lib/users/counts";
import { userConditions } from "@/lib/users/list";
import type { UserFilters } from "@/lib/users/list-params";
import { aboveYouError, assertHolderRemains, assertMayManage, lockAccount, type Actor } from "@/lib/users/rules";

export type Selection = { mode: "ids"; ids: string[] } | { mode: "matching"; filters: UserFilters };

/** What a bulk action reads of each selected user. */
interface Target {
  id: string;
  role: AccountRole;
  status: UserStatus;
  groupId: string | null;
  passwordHash: string | null;
  email: string;
  firstName: string;
  lastName: string;
}

type BulkContext = Pick<ActionContext, "db" | "accountId" | "user" | "audit">;

/** The SQL condition (alias `u`) for the users of a selection, always inside the account: the list's for "matching". */
function selectionConditions(accountId: string, selection: Selection): Prisma.Sql {
  return selection.mode === "ids"
    ? Prisma.sql`u."accountId" = ${accountId}::uuid AND u.id = ANY(${selection.ids}::uuid[])`
    : userConditions(accountId, selection.filters);
}

/**
 * assertMayManage for a selection that isn't loaded (up to every user matching a filter): one
 * count of the selected users above the caller's role, refusing the whole action with that count.
 */
export async function assertMayManageSelection(ctx: { db: Tx; accountId: string; user: Actor }, selection: Selection, expectedCount: number) {
  const above = rolesAbove(ctx.user.role);
  if (above.length === 0) return; // the account holder: nobody is above
  const [{ count }] = await ctx.db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM "User" u WHERE ${selectionConditions(ctx.accountId, selection)} AND u.role::text = ANY(${above}::text[])`;
  const error = aboveYouError(count, expectedCount);
  if (error) throw error;
}

/**
 * The users a bulk action touches, always inside the caller's account — with the account locked
 * unless the caller says otherwise (licence changes lock their subscription instead).
 * Refused whole if the selection no longer has the count the confirmation showed.
 */
export async function selectTargets(ctx: Pick<BulkContext, "db" | "accountId">, selection: Selection, expectedCount: number, options = { lock: true }) {
  if (options.lock) await lockAccount(ctx.db, ctx.accountId);
  if (selection.mode === "matching") await assertWithinRequestLimit(ctx.db, ctx.accountId, selection.filters);
  const targets = await ctx.db.$queryRaw<Target[]>`
    SELECT u.id::text AS id, u.role::text AS role, u.status::text AS status, u."groupId"::text AS "groupId", u."passwordHash", u.email, u."firstName", u."lastName"
    FROM "User" u WHERE ${selectionConditions(ctx.accountId, selection)}`;
  if (targets.length !== expectedCount) {
    throw new UserFacingError("errors.selectionChanged", { expected: expectedCount, actual: targets.length });
  }
  return targets;
}

/** Refuses a "matching" selection above MAX_IN_REQUEST, counting no further than that. */
async function assertWithinRequestLimit(db: Tx, accountId: string, filters: UserFilters) {
  if ((await countMatchingUpTo(db, accountId, filters, MAX_IN_REQUEST + 1)) > MAX_IN_REQUEST) throw new UserFacingError("errors.selectionTooLarge", { max: MAX_IN_REQUEST });
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

async function touch(tx: Tx, userIds: string[], set: "role" | "group" | "suspend" | "reactivate", value?: string | null) {
  if (userIds.length === 0) return;
  switch (set) {
    case "role":
      await tx.$executeRaw`UPDATE "User" SET role = ${value}::"AccountRole", "updatedAt" = now() WHERE id = ANY(${userIds}::uuid[])`;
      return;
    case "group":
      await tx.$executeRaw`UPDATE "User" SET "groupId" = ${value}::uuid, "updatedAt" = now() WHERE id = ANY(${userIds}::uuid[])`;
      return;
    case "suspend": // a new session version ends every session of these users on their next request
      await tx.$executeRaw`UPDATE "User" SET status = 'SUSPENDED', "sessionVersion" = "sessionVersion" + 1, "updatedAt" = now() WHERE id = ANY(${userIds}::uuid[])`;
      await revokeAllSessions(tx, userIds);
      return;
    case "reactivate": // someone who never set a password goes back to Invited
      await tx.$executeRaw`UPDATE "User" SET status = CASE WHEN "passwordHash" IS NULL THEN 'INVITED'::"UserStatus" ELSE 'ACTIVE'::"UserStatus" END, "updatedAt" = now() WHERE id = ANY(${userIds}::uuid[])`;
      return;
  }
}

export async function changeRole(ctx: BulkContext, selection: Selection, expectedCount: number, role: AccountRole) {
  const targets = await selectTargets(ctx, selection, expectedCount);
  assertCanAssignRole(ctx.user.role, role);
  assertMayManage(ctx.user, targets, { self: false });
  const changing = targets.filter((t) => t.role !== role);
  if (role !== "ACCOUNT_HOLDER") await assertHolderRemains(ctx.db, ctx.accountId, changing);
  await touch(ctx.db, ids(changing), "role", role);
  for (const t of changing) ctx.audit({ action: "user.role.change", targetType: "user", targetId: t.id, before: { role: t.role }, after: { role } });
  return { count: changing.length };
}

export async function changeGroup(ctx: BulkContext, selection: Selection, expectedCount: number, groupId: string | null) {
  const targets = await selectTargets(ctx, selection, expectedCount);
  assertMayManage(ctx.user, targets, { self: true });
  if (groupId && !(await ctx.db.userGroup.findFirst({ where: { id: groupId, accountId: ctx.accountId }, select: { id: true } }))) {
    throw new NotFoundError();
  }
  const changing = targets.filter((t) => t.groupId !== groupId);
  await touch(ctx.db, ids(changing), "group", groupId);
  for (const t of changing) ctx.audit({ action: "user.group.change", targetType: "user", targetId: t.id, before: { groupId: t.groupId }, after: { groupId } });
  return { count: changing.length };
}

export async function suspendUsers(ctx: BulkContext, selection: Selection, expectedCount: number) {
  const targets = await selectTargets(ctx, selection, expectedCount);
  assertMayManage(ctx.user, targets, { self: false });
  const changing = targets.filter((t) => t.status !== "SUSPENDED");
  await assertHolderRemains(ctx.db, ctx.accountId, changing);
  await touch(ctx.db, ids(changing), "suspend");
  for (const t of changing) ctx.audit({ action: "user.suspend", targetType: "user", targetId: t.id, before: { status: t.status }, after: { status: "SUSPENDED" } });
  return { count: changing.length };
}

export async function reactivateUsers(ctx: BulkContext, selection: Selection, expectedCount: number) {
  const targets = await selectTargets(ctx, selection, expectedCount);
  assertMayManage(ctx.user, targets, { self: false });
  const changing = targets.filter((t) => t.status === "SUSPENDED");
  await touch(ctx.db, ids(changing), "reactivate");
  for (const t of changing) {
    ctx.audit({ action: "user.reactivate", targetType: "user", targetId: t.id, before: { status: t.status }, after: { status: t.passwordHash ? "ACTIVE" : "INVITED" } });
  }
  return { count: changing.length };
}

/** Deleting frees the users' licences (assignments cascade); the audit keeps who they were. */
export async function deleteUsers(ctx: BulkContext, selection: Selection, expectedCount: number) {
  const targets = await selectTargets(ctx, selection, expectedCount);
  assertMayManage(ctx.user, targets, { self: false });
  await assertHolderRemains(ctx.db, ctx.accountId, targets);
  const assignments = await ctx.db.$queryRaw<{ userId: string; n: number }[]>`
    SELECT "userId", count(*)::int AS n FROM "LicenceAssignment" WHERE "userId" = ANY(${ids(targets)}::uuid[]) GROUP BY "userId"`;
  const licences = new Map(assignments.map((a) => [a.userId, a.n]));
  await ctx.db.$executeRaw`DELETE FROM "User" WHERE id = ANY(${ids(targets)}::uuid[])`;
  for (const t of targets) {
    ctx.audit({
      action: "user.delete",
      targetType: "user",
      targetId: t.id,
      before: { email: t.email, firstName: t.firstName, lastName: t.lastName, role: t.role, status: t.status, licences: licences.get(t.id) ?? 0 },
    });
  }
  return { count: targets.length };
}

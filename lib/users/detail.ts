import "server-only";
import type { z } from "zod";
import type { ActionContext } from "@/lib/actions/define-action";
import { NotFoundError, UserFacingError } from "@/lib/actions/errors";
import type { Db } from "@/lib/db/client";
import { assertCanAssignRole } from "@/lib/permissions";
import { userKeys } from "@/lib/users/search-key";
import { userVersion } from "@/lib/users/version";
import { assertHolderRemains, assertMayManage, lockAccount } from "@/lib/users/rules";
import type { userProfileSchema } from "@/lib/validation/users";

/** One user of this account, or null: an id from another account finds nothing. */
export async function findUser(db: Db, accountId: string, id: string) {
  return db.user.findFirst({
    where: { id, accountId },
    select: {
      id: true, firstName: true, lastName: true, email: true, role: true, status: true, locale: true,
      timeZone: true, groupId: true, createdAt: true, twoStepEnabled: true, group: { select: { name: true } },
    },
  });
}

const EDITABLE = ["firstName", "lastName", "locale", "timeZone", "groupId", "role"] as const;

/** An admin's edit of another user's profile (or their own, except their role). */
export async function updateUserProfile(ctx: ActionContext, input: z.output<typeof userProfileSchema>) {
  await lockAccount(ctx.db, ctx.accountId);
  if (input.version !== undefined && (await userVersion(ctx.db, ctx.accountId, input.id, { lock: true })) !== input.version) {
    // Gone, or changed since the caller read it (an API client's If-Match).
    if (!(await ctx.db.user.findFirst({ where: { id: input.id, accountId: ctx.accountId }, select: { id: true } }))) throw new NotFoundError();
    throw new UserFacingError("errors.userChangedMeanwhile");
  }
  const before = await ctx.db.user.findFirst({
    where: { id: input.id, accountId: ctx.accountId },
    select: { id: true, email: true, role: true, status: true, firstName: true, lastName: true, locale: true, timeZone: true, groupId: true },
  });
  if (!before) throw new NotFoundError();
  const groupId = input.groupId === "none" ? null : input.groupId;
  if (groupId && !(await ctx.db.userGroup.findFirst({ where: { id: groupId, accountId: ctx.accountId }, select: { id: true } }))) {
    throw new NotFoundError();
  }
  const after = { firstName: input.firstName, lastName: input.lastName, locale: input.locale, timeZone: input.timeZone, groupId, role: input.role };
  assertMayManage(ctx.user, [before], { self: before.role === after.role });
  if (before.role !== after.role) {
    assertCanAssignRole(ctx.user.role, after.role);
    if (after.role !== "ACCOUNT_HOLDER") await assertHolderRemains(ctx.db, ctx.accountId, [before]);
  }
  const changed = EDITABLE.filter((key) => before[key] !== after[key]);
  if (changed.length === 0) return { id: before.id, changed: 0 };
  await ctx.db.user.update({
    where: { id: before.id },
    data: { ...after, ...userKeys({ firstName: after.firstName, lastName: after.lastName, email: before.email }) },
  });
  ctx.audit({
    action: "user.profile.update",
    targetType: "user",
    targetId: before.id,
    before: Object.fromEntries(changed.map((k) => [k, before[k]])),
    after: Object.fromEntries(changed.map((k) => [k, after[k]])),
  });
  return { id: before.id, changed: changed.length };
}

import "server-only";
import type { ActionContext } from "@/lib/actions/define-action";
import { NotFoundError, UserFacingError } from "@/lib/actions/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { assertNewPasswordAllowed } from "@/lib/auth/password-policy";
import { revokeAllSessions } from "@/lib/auth/sessions";

/**
 * Changes the signed-in user's own password once their current one is confirmed, and ends every
 * session of theirs (this one included: they sign in again with the new password).
 */
export async function changeOwnPassword(ctx: ActionContext, input: { currentPassword: string; password: string }) {
  assertNewPasswordAllowed(input.password, ctx.user.email);
  const user = await ctx.db.user.findFirst({ where: { id: ctx.user.id, accountId: ctx.accountId }, select: { passwordHash: true } });
  if (!user) throw new NotFoundError();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new UserFacingError("errors.wrongCurrentPassword", {}, "currentPassword");
  }
  const { count } = await ctx.db.user.updateMany({
    where: { id: ctx.user.id, accountId: ctx.accountId, sessionVersion: ctx.user.sessionVersion },
    data: { passwordHash: await hashPassword(input.password), sessionVersion: { increment: 1 } },
  });
  if (count !== 1) throw new NotFoundError(); // another request ended this session meanwhile
  await revokeAllSessions(ctx.db, [ctx.user.id]);
  ctx.audit({ action: "profile.password.change", targetType: "user", targetId: ctx.user.id });
  return { changed: true };
}

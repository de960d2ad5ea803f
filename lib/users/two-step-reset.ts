import "server-only";
import { NotFoundError } from "@/lib/actions/errors";
import type { ActionContext } from "@/lib/actions/define-action";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { syncTwoStepEnabled } from "@/lib/auth/two-step";
import type { AccountRole, Locale, UserStatus } from "@/lib/generated/prisma/enums";
import { queueEmail } from "@/lib/mail/outbox";
import { assertMayManage } from "@/lib/users/rules";

interface Target {
  id: string;
  role: AccountRole;
  status: UserStatus;
  email: string;
  firstName: string;
  locale: Locale;
  timeZone: string;
  app: boolean;
  twoStepEnabled: boolean;
}

type ResetContext = Pick<ActionContext, "db" | "accountId" | "user" | "audit">;

/**
 * An admin's reset of another user's two-step verification (users at or below their role, never
 * their own): removes the authenticator app (confirmed or pending), every passkey and recovery
 * code, ends all the user's sessions and tells them by email — all in the caller's transaction.
 * The audit event counts what was removed; no secret leaves the database.
 */
export async function resetTwoStep(ctx: ResetContext, userId: string) {
  // Locked, so a factor enrolled at the same moment is either removed here or added after.
  const [target] = await ctx.db.$queryRaw<Target[]>`
    SELECT id::text AS id, role::text AS role, status::text AS status, email, "firstName", locale::text AS locale, "timeZone",
      ("totpSecret" IS NOT NULL) AS app, "twoStepEnabled"
    FROM "User" WHERE id = ${userId}::uuid AND "accountId" = ${ctx.accountId}::uuid FOR UPDATE`;
  if (!target) throw new NotFoundError();
  assertMayManage(ctx.user, [target], { self: false });

  const passkeys = await ctx.db.passkey.deleteMany({ where: { userId: target.id } });
  const recoveryCodes = await ctx.db.recoveryCode.deleteMany({ where: { userId: target.id } });
  await ctx.db.user.update({
    where: { id: target.id },
    data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null, sessionVersion: { increment: 1 } },
  });
  await syncTwoStepEnabled(ctx.db, target.id);
  await revokeAllSessions(ctx.db, [target.id]);
  if (target.status !== "INVITED") {
    await queueEmail(ctx.db, ctx.accountId, {
      to: { email: target.email, locale: target.locale, timeZone: target.timeZone },
      kind: "twoStepReset",
      variables: { firstName: target.firstName, accountName: ctx.user.account.name, inviterName: `${ctx.user.firstName} ${ctx.user.lastName}`.trim() },
    });
  }
  ctx.audit({
    action: "users.resetTwoStep",
    targetType: "user",
    targetId: target.id,
    before: { twoStepEnabled: target.twoStepEnabled, authenticatorApp: target.app, passkeys: passkeys.count, recoveryCodes: recoveryCodes.count },
    after: { twoStepEnabled: false, authenticatorApp: false, passkeys: 0, recoveryCodes: 0 },
  });
  return { id: target.id };
}

import "server-only";
import type { ActionContext } from "@/lib/actions/define-action";
import { NotFoundError, UserFacingError } from "@/lib/actions/errors";
import { verifyPassword } from "@/lib/auth/password";
import { issueRecoveryCodes, recoveryCodesLeft } from "@/lib/auth/recovery-codes";
import { newTotpSecret, verifyTotp } from "@/lib/auth/totp";
import { assertPolicyAllowsNoFactor, syncTwoStepEnabled } from "@/lib/auth/two-step";
import type { Db, Tx } from "@/lib/db/client";
import { open, openSealed, seal } from "@/lib/security/secret-box";

// The authenticator app (TOTP) of a user: setting it up, removing it, and accepting its codes. Its
// secret is sealed at rest (lib/security/secret-box.ts) and never leaves the server but on the
// user's own Security tab while they set it up (rendered from the database, not an action result).

/** Starts (or restarts) setting up an authenticator app: a new pending secret, until confirmed with a code. */
export async function startTotpEnrolment(ctx: ActionContext): Promise<{ started: true }> {
  const { count } = await ctx.db.user.updateMany({ where: { id: ctx.user.id, accountId: ctx.accountId }, data: { totpPendingSecret: seal(newTotpSecret()) } });
  if (count !== 1) throw new NotFoundError();
  ctx.audit({ action: "twoStep.totpStart", targetType: "user", targetId: ctx.user.id });
  return { started: true };
}

/** The secret being set up, for the user's own Security tab only; null when no setup is under way. */
export async function pendingTotpSecret(db: Db | Tx, userId: string): Promise<string | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpPendingSecret: true } });
  if (!user?.totpPendingSecret) return null;
  try {
    return open(user.totpPendingSecret);
  } catch {
    return null; // sealed under a key no longer in use: the user starts again
  }
}

/**
 * Confirms the pending secret with a code from the app: it becomes the user's authenticator app
 * (the code's step used up), and a user without unused recovery codes gets a set — returned to be
 * shown once, and nowhere else.
 */
export async function confirmTotpEnrolment(ctx: ActionContext, code: string, now = new Date()): Promise<{ recoveryCodes: string[] | null }> {
  const user = await ctx.db.user.findFirst({ where: { id: ctx.user.id, accountId: ctx.accountId }, select: { totpPendingSecret: true } });
  if (!user) throw new NotFoundError();
  if (!user.totpPendingSecret) throw new UserFacingError("errors.totpSetupNotStarted");
  const step = verifyTotp(open(user.totpPendingSecret), code, now);
  if (step === null) throw new UserFacingError("errors.invalidCode", {}, "code");
  // Conditional on the same pending secret: of two confirmations racing, or one racing a restart, one wins.
  const { count } = await ctx.db.user.updateMany({
    where: { id: ctx.user.id, accountId: ctx.accountId, totpPendingSecret: user.totpPendingSecret },
    data: { totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: now, totpLastStep: BigInt(step) },
  });
  if (count !== 1) throw new UserFacingError("errors.totpSetupNotStarted");
  await syncTwoStepEnabled(ctx.db, ctx.user.id);
  const recoveryCodes = (await recoveryCodesLeft(ctx.db, ctx.user.id)) === 0 ? await issueRecoveryCodes(ctx.db, ctx.user.id) : null;
  ctx.audit({ action: "twoStep.totpConfirm", targetType: "user", targetId: ctx.user.id, after: { recoveryCodesIssued: recoveryCodes?.length ?? 0 } });
  return { recoveryCodes };
}

/**
 * Removes the user's authenticator app, confirmed with their password (decision 0020). Refused,
 * rolled back, when it was their last factor and their account's policy requires one. Without any
 * factor left, their recovery codes go too (they only ever stood in for a factor).
 */
export async function removeTotp(ctx: ActionContext, password: string): Promise<{ removed: true }> {
  const user = await ctx.db.user.findFirst({ where: { id: ctx.user.id, accountId: ctx.accountId }, select: { passwordHash: true, totpSecret: true } });
  if (!user) throw new NotFoundError();
  if (!(await verifyPassword(user.passwordHash, password))) throw new UserFacingError("errors.wrongCurrentPassword", {}, "password");
  const { count } = await ctx.db.user.updateMany({
    where: { id: ctx.user.id, accountId: ctx.accountId, totpSecret: { not: null } },
    data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null },
  });
  if (count !== 1) throw new UserFacingError("errors.totpNotSetUp");
  if (!(await syncTwoStepEnabled(ctx.db, ctx.user.id))) {
    await assertPolicyAllowsNoFactor(ctx.db, ctx.user.id);
    await ctx.db.recoveryCode.deleteMany({ where: { userId: ctx.user.id } });
  }
  ctx.audit({ action: "twoStep.totpRemove", targetType: "user", targetId: ctx.user.id });
  return { removed: true };
}

/**
 * The second step of a sign-in with the authenticator app: true when the code (6 digits) matches
 * the user's secret within a step either side and its step is later than any code accepted before.
 * The check of the step and its recording are one conditional update, so a code is accepted once,
 * even by two requests racing. A secret sealed under the previous key is re-sealed on the way.
 */
export async function acceptTotpCode(db: Db | Tx, userId: string, code: string, now = new Date()): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpSecret: true } });
  if (!user?.totpSecret) return false;
  const { plaintext, current } = openSealed(user.totpSecret);
  const step = verifyTotp(plaintext, code, now);
  if (step === null) return false;
  const resealed = current ? user.totpSecret : seal(plaintext);
  const count = await db.$executeRaw`
    UPDATE "User" SET "totpLastStep" = ${step}, "totpSecret" = ${resealed}
    WHERE id = ${userId}::uuid AND "totpSecret" = ${user.totpSecret} AND ("totpLastStep" IS NULL OR "totpLastStep" < ${step})`;
  return count === 1;
}

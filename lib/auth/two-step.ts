import "server-only";
import { UserFacingError } from "@/lib/actions/errors";
import type { Db, Tx } from "@/lib/db/client";
import type { AccountRole, TwoStepPolicy } from "@/lib/generated/prisma/enums";

// What every part of two-step verification shares: whether a user has a second factor (kept on
// User.twoStepEnabled for the users list), and whom an account's policy covers.

/**
 * Sets User.twoStepEnabled from the factors the user has now (an authenticator app or a passkey;
 * recovery codes alone are not a factor). Call it in the transaction that adds or removes one.
 */
export async function syncTwoStepEnabled(db: Db | Tx, userId: string): Promise<boolean> {
  const [row] = await db.$queryRaw<{ twoStepEnabled: boolean }[]>`
    UPDATE "User" u SET "twoStepEnabled" = (u."totpSecret" IS NOT NULL OR EXISTS (SELECT 1 FROM "Passkey" p WHERE p."userId" = u.id))
    WHERE u.id = ${userId}::uuid RETURNING u."twoStepEnabled"`;
  return row?.twoStepEnabled ?? false;
}

/** Whether an account's policy requires two-step verification of a user with this role. */
export function policyCovers(policy: TwoStepPolicy, role: AccountRole): boolean {
  if (policy === "EVERYONE") return true;
  return policy === "ADMINS" && (role === "ACCOUNT_HOLDER" || role === "ADMIN");
}

/**
 * Refuses to remove a user's last factor (an authenticator app or a passkey) while their account's
 * policy covers them. Call it in the removing transaction, after the removal and syncTwoStepEnabled
 * returned false: the error rolls the removal back.
 */
export async function assertPolicyAllowsNoFactor(db: Db | Tx, userId: string): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true, account: { select: { twoStepPolicy: true } } } });
  if (user && policyCovers(user.account.twoStepPolicy, user.role)) throw new UserFacingError("errors.twoStepRequired");
}

/** The second steps a user can sign in with (recovery codes aside): the sign-in's verify page offers these. */
export async function secondStepMethods(db: Db | Tx, userId: string): Promise<{ totp: boolean; passkey: boolean }> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpSecret: true, _count: { select: { passkeys: true } } } });
  return { totp: Boolean(user?.totpSecret), passkey: (user?._count.passkeys ?? 0) > 0 };
}

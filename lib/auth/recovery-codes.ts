import "server-only";
import crypto from "node:crypto";
import type { ActionContext } from "@/lib/actions/define-action";
import { UserFacingError } from "@/lib/actions/errors";
import type { Db, Tx } from "@/lib/db/client";
import { keyedDigests } from "@/lib/security/secret-box";
import { RECOVERY_CODE_ALPHABET, RECOVERY_CODE_LENGTH } from "@/lib/validation/two-step";

// Recovery codes: 10 single-use codes, shown once when issued and stored only as keyed digests
// (HMAC-SHA256 under a key derived from ENCRYPTION_KEY / AUTH_SECRET, decision 0020): a copy of
// the database alone can't be searched for them offline. Issuing a set voids the previous one.

export const RECOVERY_CODE_COUNT = 10;
const PURPOSE = "recovery codes";

/** One code, `xxxxx-xxxxx` (10 characters of a 31-letter alphabet: about 49.5 bits). */
function newRecoveryCode(): string {
  const chars = Array.from({ length: RECOVERY_CODE_LENGTH }, () => RECOVERY_CODE_ALPHABET[crypto.randomInt(RECOVERY_CODE_ALPHABET.length)]);
  return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
}

/** A normalized code (recoveryCodeSchema: lower case, no dash) as it is stored. */
const digestsOf = (normalized: string) => keyedDigests(PURPOSE, normalized);

/**
 * Replaces the user's recovery codes with a new set; returns the codes, to be shown once (never
 * stored, logged or audited).
 */
export async function issueRecoveryCodes(db: Db | Tx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.recoveryCode.deleteMany({ where: { userId } });
  await db.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: digestsOf(code.replace("-", ""))[0] })) });
  return codes;
}

/** How many of the user's recovery codes are still unused. */
export function recoveryCodesLeft(db: Db | Tx, userId: string): Promise<number> {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}

/**
 * Uses one of the user's recovery codes (normalized by recoveryCodeSchema): true when it was
 * theirs and unused. A conditional update, so two requests racing with the same code use it once.
 */
export async function redeemRecoveryCode(db: Db | Tx, userId: string, normalized: string): Promise<boolean> {
  const { count } = await db.recoveryCode.updateMany({
    where: { userId, usedAt: null, codeHash: { in: digestsOf(normalized) } },
    data: { usedAt: new Date() },
  });
  return count === 1;
}

/**
 * "Regenerate": a new set for a user with a second factor, the old set void. The codes are returned
 * to be shown once; the audit event says only that it happened.
 */
export async function regenerateRecoveryCodes(ctx: ActionContext): Promise<{ recoveryCodes: string[] }> {
  const user = await ctx.db.user.findFirst({ where: { id: ctx.user.id, accountId: ctx.accountId }, select: { twoStepEnabled: true } });
  if (!user?.twoStepEnabled) throw new UserFacingError("errors.twoStepNotEnabled");
  const recoveryCodes = await issueRecoveryCodes(ctx.db, ctx.user.id);
  ctx.audit({ action: "twoStep.recoveryCodesRegenerate", targetType: "user", targetId: ctx.user.id, after: { count: recoveryCodes.length } });
  return { recoveryCodes };
}

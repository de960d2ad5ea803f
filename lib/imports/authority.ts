import type { AccountRole, UserStatus } from "@/lib/generated/prisma/enums";
import { can, canAssignRole, lowerRole } from "@/lib/permissions";

/** Why reflection refused a row: the committer is gone, not active, may no longer import, or may no longer give its role. */
export type Refusal = "gone" | "inactive" | "notPermitted" | "roleTooHigh" | "tokenEnded";

/** The committer as they are now (null when deleted), read when each chunk is applied. */
export interface CommitterNow {
  accountId: string;
  role: AccountRole;
  status: UserStatus;
  /** Confirmed with an API token that was revoked or has expired since. */
  tokenEnded?: boolean;
}

/**
 * The committer's authority through the API token the import was confirmed with (null: the token
 * is gone): the lower of the token's ceiling and the creator's role now, and none once the token
 * is revoked or expired.
 */
export function throughToken(committer: CommitterNow | null, token: { roleCeiling: AccountRole; active: boolean } | null): CommitterNow | null {
  if (!committer) return null;
  if (!token || !token.active) return { ...committer, tokenEnded: true };
  return { ...committer, role: lowerRole(token.roleCeiling, committer.role) };
}

/**
 * Whether the committer may still apply the import: an active user of the account with the right
 * to import (and to assign products when the batch assigns some). A delayed import acts with its
 * committer's authority of the moment it runs, never with the authority they had when confirming.
 */
export function committerRefusal(committer: CommitterNow | null, accountId: string, products: string[]): Refusal | null {
  if (!committer || committer.accountId !== accountId) return "gone";
  if (committer.status !== "ACTIVE") return "inactive";
  if (committer.tokenEnded) return "tokenEnded";
  if (!can(committer.role, "imports.manage") || !can(committer.role, "users.manage")) return "notPermitted";
  if (products.length > 0 && !can(committer.role, "licences.assign")) return "notPermitted";
  return null;
}

/** The refusal of one row: the committer's, or the row's role above what they may give now. */
export function rowRefusal(committer: CommitterNow | null, accountId: string, products: string[], rowRole: AccountRole): Refusal | null {
  return committerRefusal(committer, accountId, products) ?? (canAssignRole(committer!.role, rowRole) ? null : "roleTooHigh");
}

/** The reason stored on a refused row (ImportRow.problems.reason), a message key of the catalogues. */
export const refusalReason = (refusal: Refusal) => `imports.refused.${refusal}`;

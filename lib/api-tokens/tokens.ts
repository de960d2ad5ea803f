import "server-only";
import type { z } from "zod";
import type { ActionContext, Principal } from "@/lib/actions/define-action";
import { NotFoundError, UserFacingError } from "@/lib/actions/errors";
import type { Db, Tx } from "@/lib/db/client";
import type { AccountRole, ApiTokenScope, Locale, TwoStepPolicy, UserStatus } from "@/lib/generated/prisma/enums";
import { ForbiddenError, lowerRole, roleRank } from "@/lib/permissions";
import type { createApiTokenSchema } from "@/lib/validation/api-tokens";
import { newSecret, SECRET_PATTERN, secretDigest } from "./secret";

export { newSecret, secretDigest };

/** Active tokens an account may hold at once: the settings page lists them all. */
export const MAX_ACTIVE_TOKENS = 100;

const DAY_MS = 86_400_000;

export interface ApiTokenRef {
  id: string;
  name: string;
  scopes: ApiTokenScope[];
}

const ACTIVE = (now: Date) => ({ revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] });

/**
 * A new token for the caller's account: its ceiling at most the caller's role, no expiry for the
 * account holder only. Returns the secret, which is shown once and never stored.
 */
export async function createApiToken(ctx: ActionContext, input: z.output<typeof createApiTokenSchema>) {
  if (roleRank(input.roleCeiling) > roleRank(ctx.user.role)) throw new ForbiddenError("roleTooHigh");
  if (input.expires === "never" && ctx.user.role !== "ACCOUNT_HOLDER") throw new UserFacingError("errors.tokenMustExpire", {}, "expires");
  const now = new Date();
  // The account's row lock: two creations at once can't both take the last place.
  await ctx.db.$executeRaw`SELECT 1 FROM "Account" WHERE id = ${ctx.accountId}::uuid FOR UPDATE`;
  if ((await ctx.db.apiToken.count({ where: { accountId: ctx.accountId, ...ACTIVE(now) } })) >= MAX_ACTIVE_TOKENS) {
    throw new UserFacingError("errors.tooManyTokens", { max: MAX_ACTIVE_TOKENS });
  }
  const secret = newSecret();
  const expiresAt = input.expires === "never" ? null : new Date(now.getTime() + Number(input.expires) * DAY_MS);
  const token = await ctx.db.apiToken.create({
    data: {
      accountId: ctx.accountId, name: input.name, secretHash: secretDigest(secret), roleCeiling: input.roleCeiling,
      scopes: input.scopes, createdById: ctx.user.id, expiresAt,
    },
    select: { id: true, name: true },
  });
  ctx.audit({
    action: "apiToken.create", targetType: "apiToken", targetId: token.id,
    after: { name: input.name, roleCeiling: input.roleCeiling, scopes: input.scopes, expiresAt: expiresAt?.toISOString() ?? null },
  });
  return { id: token.id, name: token.name, secret };
}

/** Revokes a token of the caller's account whose ceiling is at or below the caller's role; at once. */
export async function revokeApiToken(ctx: ActionContext, id: string) {
  const token = await ctx.db.apiToken.findFirst({ where: { id, accountId: ctx.accountId, revokedAt: null }, select: { id: true, name: true, roleCeiling: true } });
  if (!token) throw new NotFoundError();
  if (roleRank(token.roleCeiling) > roleRank(ctx.user.role)) throw new ForbiddenError("roleTooHigh");
  const { count } = await ctx.db.apiToken.updateMany({ where: { id, accountId: ctx.accountId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count !== 1) throw new NotFoundError();
  ctx.audit({ action: "apiToken.revoke", targetType: "apiToken", targetId: id, after: { name: token.name } });
  return { id };
}

/** The account's tokens that still work or expired, newest first (revoked ones live on in the audit log). */
export async function listApiTokens(db: Db, accountId: string) {
  return db.apiToken.findMany({
    where: { accountId, revokedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MAX_ACTIVE_TOKENS * 2,
    select: {
      id: true, name: true, roleCeiling: true, scopes: true, createdAt: true, expiresAt: true, lastUsedAt: true, lastUsedFrom: true,
      createdBy: { select: { firstName: true, lastName: true } },
    },
  });
}

interface TokenRow {
  tokenId: string;
  tokenName: string;
  roleCeiling: AccountRole;
  scopes: ApiTokenScope[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  id: string | null;
  accountId: string;
  email: string;
  firstName: string;
  lastName: string;
  role: AccountRole;
  status: UserStatus;
  locale: Locale;
  timeZone: string;
  sessionVersion: number;
  twoStepEnabled: boolean;
  createdAt: Date;
  accountName: string;
  twoStepPolicy: TwoStepPolicy;
  twoStepGraceDays: number;
  twoStepPolicyAt: Date | null;
}

export type TokenRefusal = "invalid" | "revoked" | "expired" | "creatorInactive";

/**
 * The principal behind a secret: the token's creator as they are now, with the lower of their role
 * and the token's ceiling. Refused when the secret isn't one (checked by format first, then by its
 * digest: a guess costs one indexed lookup), the token is revoked or expired, or its creator is
 * gone, suspended or in another account. One query.
 */
export async function authenticateToken(db: Db, secret: string, now = new Date()): Promise<{ ok: true; principal: Principal; lastUsedAt: Date | null } | { ok: false; reason: TokenRefusal }> {
  if (!SECRET_PATTERN.test(secret)) return { ok: false, reason: "invalid" };
  const [row] = await db.$queryRaw<TokenRow[]>`
    SELECT t.id AS "tokenId", t.name AS "tokenName", t."roleCeiling", t.scopes::text[] AS scopes, t."expiresAt", t."revokedAt", t."lastUsedAt",
      u.id, t."accountId", u.email, u."firstName", u."lastName", u.role, u.status, u.locale, u."timeZone", u."sessionVersion",
      u."twoStepEnabled", u."createdAt", a.name AS "accountName", a."twoStepPolicy", a."twoStepGraceDays", a."twoStepPolicyAt"
    FROM "ApiToken" t JOIN "Account" a ON a.id = t."accountId"
    LEFT JOIN "User" u ON u.id = t."createdById" AND u."accountId" = t."accountId"
    WHERE t."secretHash" = ${secretDigest(secret)}`;
  if (!row) return { ok: false, reason: "invalid" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  if (row.expiresAt && row.expiresAt <= now) return { ok: false, reason: "expired" };
  if (!row.id || row.status !== "ACTIVE") return { ok: false, reason: "creatorInactive" };
  const { tokenId, tokenName, roleCeiling, scopes, expiresAt: _e, revokedAt: _r, lastUsedAt, accountName, twoStepPolicy, twoStepGraceDays, twoStepPolicyAt, ...user } = row;
  return {
    ok: true,
    lastUsedAt,
    principal: {
      user: { ...user, id: row.id, role: lowerRole(roleCeiling, user.role), account: { name: accountName, twoStepPolicy, twoStepGraceDays, twoStepPolicyAt }, sessionId: "" },
      token: { id: tokenId, name: tokenName, scopes },
    },
  };
}

/** Notes the token's last use (time and client address), at most once a minute. */
export async function touchToken(db: Db | Tx, tokenId: string, lastUsedAt: Date | null, from: string | null) {
  if (lastUsedAt && Date.now() - lastUsedAt.getTime() < 60_000) return;
  await db.$executeRaw`
    UPDATE "ApiToken" SET "lastUsedAt" = now(), "lastUsedFrom" = ${from}
    WHERE id = ${tokenId}::uuid AND ("lastUsedAt" IS NULL OR "lastUsedAt" < now() - interval '1 minute')`;
}

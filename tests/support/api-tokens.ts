import type { TestAccount } from "./accounts";
import { newSecret, secretDigest } from "@/lib/api-tokens/tokens";
import { getDb } from "@/lib/db/client";
import type { AccountRole, ApiTokenScope } from "@/lib/generated/prisma/enums";

export interface TestToken {
  id: string;
  secret: string;
}

/** A token of the account, made as Settings › API tokens makes one (by default the holder's, ceiling Admin, no scopes). */
export async function createTestToken(
  account: TestAccount,
  options: { creator?: AccountRole; ceiling?: AccountRole; scopes?: ApiTokenScope[]; expiresAt?: Date | null; revokedAt?: Date | null; name?: string } = {},
): Promise<TestToken> {
  const secret = newSecret();
  const token = await getDb().apiToken.create({
    data: {
      accountId: account.account.id,
      name: options.name ?? "Test token",
      secretHash: secretDigest(secret),
      roleCeiling: options.ceiling ?? "ADMIN",
      scopes: options.scopes ?? [],
      createdById: account.users[options.creator ?? "ACCOUNT_HOLDER"].id,
      expiresAt: options.expiresAt === undefined ? new Date(Date.now() + 30 * 86_400_000) : options.expiresAt,
      revokedAt: options.revokedAt ?? null,
    },
  });
  return { id: token.id, secret };
}

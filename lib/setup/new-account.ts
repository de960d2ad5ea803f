// No `server-only` marker: scripts/account-create.ts uses it.
import type { Tx } from "@/lib/db/client";
import type { Locale } from "@/lib/generated/prisma/enums";
import { userKeys } from "@/lib/users/search-key";

export interface NewAccount {
  name: string;
  holder: { email: string; firstName: string; lastName: string; locale?: Locale };
  /** The holder's password hash: ACTIVE with it, INVITED without one. */
  passwordHash: string | null;
}

/**
 * A real new account, inside the caller's transaction: a subscription to every product with no
 * seats (seats are bought, not made up: billing is outside this app; decision 0018) and its account
 * holder. The products must exist (ensureProducts, before the transaction). The caller audits
 * `account.created`, with its own actor (the holder signing up, or nobody for the operator).
 */
export async function createAccountWithHolder(tx: Tx, spec: NewAccount) {
  const account = await tx.account.create({ data: { name: spec.name } });
  const products = await tx.product.findMany({ select: { id: true }, orderBy: { code: "asc" } });
  const renewsAt = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 0, 1));
  await tx.subscription.createMany({
    data: products.map((p) => ({ accountId: account.id, productId: p.id, seatsPurchased: 0, renewsAt })),
  });
  const email = spec.holder.email.trim().toLowerCase();
  const names = { firstName: spec.holder.firstName, lastName: spec.holder.lastName };
  const holder = await tx.user.create({
    data: {
      accountId: account.id,
      email,
      ...names,
      ...userKeys({ ...names, email }),
      role: "ACCOUNT_HOLDER",
      status: spec.passwordHash ? "ACTIVE" : "INVITED",
      locale: spec.holder.locale ?? "en",
      passwordHash: spec.passwordHash,
    },
    select: { id: true, email: true, firstName: true, lastName: true, locale: true, timeZone: true, status: true, sessionVersion: true },
  });
  return { account, holder };
}

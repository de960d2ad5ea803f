import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import type { AccountRole, Locale, UserStatus } from "@/lib/generated/prisma/enums";
import { userKeys } from "@/lib/users/search-key";

export const PRODUCTS = [
  { code: "central", name: "LogMeIn Central", isAddOn: false },
  { code: "remote-support", name: "Remote Support", isAddOn: true },
] as const;

export type ProductCode = (typeof PRODUCTS)[number]["code"];

export interface SeedUser {
  email: string;
  firstName: string;
  lastName?: string;
  role?: AccountRole;
  status?: UserStatus;
  locale?: Locale;
  timeZone?: string;
  group?: string;
  products?: ProductCode[];
}

export interface SeedAccount {
  name: string;
  password: string;
  groups?: string[];
  seats?: Partial<Record<ProductCode, number>>;
  users: SeedUser[];
}

/**
 * The product catalogue, created if missing. INSERT … ON CONFLICT DO NOTHING, so accounts created at
 * the same moment on an empty database (the first run's setup racing account:create, parallel test
 * fixtures) never trip over each other (an upsert reads, then inserts: two can both insert).
 */
export async function ensureProducts(db: Db) {
  await db.product.createMany({ data: [...PRODUCTS], skipDuplicates: true });
  const products = await db.product.findMany({ where: { code: { in: PRODUCTS.map((p) => p.code) } } });
  return PRODUCTS.map((p) => products.find((product) => product.code === p.code)!);
}

/**
 * Creates an account with its groups, subscriptions and users in one transaction. Used by the
 * demo seed and by test fixtures, so both build accounts the same way.
 */
export async function createAccount(db: Db, spec: SeedAccount) {
  const products = await ensureProducts(db);
  const passwordHash = await hashPassword(spec.password);
  const renewsAt = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 0, 1));

  return db.$transaction(async (tx) => {
    const account = await tx.account.create({ data: { name: spec.name } });
    const groups = new Map<string, string>();
    for (const name of spec.groups ?? []) {
      const group = await tx.userGroup.create({ data: { accountId: account.id, name } });
      groups.set(name, group.id);
    }
    const subscriptions = new Map<string, string>();
    for (const product of products) {
      const seats = spec.seats?.[product.code as ProductCode];
      if (seats === undefined) continue;
      const sub = await tx.subscription.create({
        data: { accountId: account.id, productId: product.id, seatsPurchased: seats, renewsAt },
      });
      subscriptions.set(product.code, sub.id);
    }
    const users = [];
    for (const u of spec.users) {
      const status = u.status ?? "ACTIVE";
      const user = await tx.user.create({
        data: {
          accountId: account.id,
          email: u.email.trim().toLowerCase(),
          firstName: u.firstName,
          lastName: u.lastName ?? "",
          ...userKeys({ firstName: u.firstName, lastName: u.lastName ?? "", email: u.email.trim().toLowerCase() }),
          role: u.role ?? "MEMBER",
          status,
          locale: u.locale ?? "en",
          timeZone: u.timeZone ?? "UTC",
          groupId: u.group ? groups.get(u.group) : undefined,
          passwordHash: status === "INVITED" ? null : passwordHash,
        },
      });
      for (const code of u.products ?? []) {
        const subscriptionId = subscriptions.get(code);
        if (!subscriptionId) throw new Error(`Account ${spec.name} has no ${code} subscription`);
        await tx.licenceAssignment.create({ data: { accountId: account.id, subscriptionId, userId: user.id } });
      }
      users.push(user);
    }
    return { account, users };
  }, { timeout: 30_000 }); // a busy embedded database can take more than the default 5 s to seed the demo
}

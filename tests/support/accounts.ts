import crypto from "node:crypto";
import { getDb } from "@/lib/db/client";
import type { AccountRole } from "@/lib/generated/prisma/enums";
import { createAccount } from "@/lib/seed/accounts";

export const TEST_PASSWORD = "correct horse battery staple";

/** A fresh account with one user per role (and unique emails), for tests that must not share data. */
export async function createTestAccount(name = "Test account") {
  const tag = crypto.randomBytes(4).toString("hex");
  const roles: AccountRole[] = ["ACCOUNT_HOLDER", "ADMIN", "SUPPORT_STAFF", "MEMBER"];
  const { account, users } = await createAccount(getDb(), {
    name: `${name} ${tag}`,
    password: TEST_PASSWORD,
    groups: ["Helpdesk"],
    seats: { central: 5, "remote-support": 2 },
    users: roles.map((role) => ({
      email: `${role.toLowerCase()}-${tag}@test.example`,
      firstName: role,
      lastName: tag,
      role,
    })),
  });
  const byRole = Object.fromEntries(users.map((u) => [u.role, u])) as Record<AccountRole, (typeof users)[number]>;
  return { account, users: byRole };
}

export type TestAccount = Awaited<ReturnType<typeof createTestAccount>>;

/** "Acme" and "Other": an account to act in and another one whose data must stay out of reach. */
export async function twoTestAccounts(): Promise<{ acme: TestAccount; other: TestAccount }> {
  return { acme: await createTestAccount("Acme"), other: await createTestAccount("Other") };
}

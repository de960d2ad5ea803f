import crypto from "node:crypto";
import { getDb } from "@/lib/db/client";
import type { AccountRole } from "@/lib/generated/prisma/enums";
import { startSession } from "@/lib/auth/sessions";
import { createAccount } from "@/lib/seed/accounts";
import { CLIENT_IP_HEADER } from "@/lib/security/client-ip";

export const TEST_PASSWORD = "correct horse battery staple";

/**
 * A fresh account with one user per role (and unique emails), for tests that must not share data.
 * Each user is signed in once: `sessionId` is their session row (what signInAs uses).
 */
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
  const headers = new Headers({ "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0", [CLIENT_IP_HEADER]: "203.0.113.1" });
  const signedIn = await Promise.all(users.map(async (u) => ({ ...u, sessionId: await startSession(getDb(), u.id, headers) })));
  const byRole = Object.fromEntries(signedIn.map((u) => [u.role, u])) as Record<AccountRole, (typeof signedIn)[number]>;
  return { account, users: byRole };
}

export type TestAccount = Awaited<ReturnType<typeof createTestAccount>>;

/** "Acme" and "Other": an account to act in and another one whose data must stay out of reach. */
export async function twoTestAccounts(): Promise<{ acme: TestAccount; other: TestAccount }> {
  return { acme: await createTestAccount("Acme"), other: await createTestAccount("Other") };
}

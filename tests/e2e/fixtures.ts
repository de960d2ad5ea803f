import crypto from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import type { AccountRole, Locale } from "../../lib/generated/prisma/enums";
import { createAccount } from "../../lib/seed/accounts";

export const PASSWORD = "e2e password 123";

type Users = Record<AccountRole, { id: string; email: string; firstName: string }>;

interface Fixtures {
  db: PrismaClient;
  /** A fresh account with one user per role, so tests never share data and run in any order. */
  account: { id: string; name: string; users: Users };
  signIn: (email: string) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  db: async ({}, use) => {
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.E2E_DATABASE_URL!, max: 2 }) });
    await use(db);
    await db.$disconnect();
  },
  account: async ({ db }, use) => {
    const tag = crypto.randomBytes(4).toString("hex");
    const roles: AccountRole[] = ["ACCOUNT_HOLDER", "ADMIN", "SUPPORT_STAFF", "MEMBER"];
    const { account, users } = await createAccount(db, {
      name: `E2E ${tag}`,
      password: PASSWORD,
      seats: { central: 5, "remote-support": 3 },
      users: roles.map((role) => ({
        email: `${role.toLowerCase().replace("_", "-")}-${tag}@e2e.example`,
        firstName: { ACCOUNT_HOLDER: "Hana", ADMIN: "Ada", SUPPORT_STAFF: "Sol", MEMBER: "Milo" }[role],
        lastName: "Tester",
        role,
        products: role === "MEMBER" ? ["central"] : [],
      })),
    });
    await use({ id: account.id, name: account.name, users: Object.fromEntries(users.map((u) => [u.role, u])) as unknown as Users });
  },
  signIn: async ({ page }, use) => {
    await use(async (email: string) => {
      await submitSignIn(page, email);
      await expect(page).toHaveURL("/");
    });
  },
});

/** Fills in the sign-in form of the page's server (its baseURL) and submits it. */
export async function submitSignIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * axe on the page as it is now: no serious or critical violation allowed. Sandboxed frames (email
 * previews) run no script, so axe can't enter them: their documents are checked on their own.
 */
export async function expectAccessible(page: Page) {
  // Next streams metadata: wait for the <title> so axe doesn't check the page before it arrives.
  await expect(page).toHaveTitle(/\S/);
  // A toast fading in or out is checked at its full colours, not half transparent.
  await page.waitForFunction(() => [...document.querySelectorAll("[data-sonner-toast]")].every((toast) => ["0", "1"].includes(getComputedStyle(toast).opacity)));
  const results = await new AxeBuilder({ page }).exclude("iframe[sandbox]").analyze();
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(blocking.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

export async function setUserLocale(db: PrismaClient, userId: string, locale: Locale) {
  await db.user.update({ where: { id: userId }, data: { locale } });
}

export { expect };

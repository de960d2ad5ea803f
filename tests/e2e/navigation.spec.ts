import { expect, expectAccessible, test } from "./fixtures";

const cases = [
  { role: "ACCOUNT_HOLDER", name: "Hana", sees: ["Home", "Billing", "Users", "Groups", "Email templates", "Outbox", "Audit log", "Security", "API tokens", "Single sign-on", "Provisioning"] },
  { role: "ADMIN", name: "Ada", sees: ["Home", "Users", "Groups", "Email templates", "Outbox", "Audit log", "API tokens", "Provisioning"] },
  { role: "SUPPORT_STAFF", name: "Sol", sees: ["Home", "Users", "Groups"] },
  { role: "MEMBER", name: "Milo", sees: ["Home"] },
] as const;

for (const { role, name, sees } of cases) {
  test(`${role} sees the navigation of their role`, async ({ page, account, signIn }) => {
    await signIn(account.users[role].email);
    await expect(page.getByRole("heading", { name: `Welcome, ${name}` })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main navigation" });
    await expect(nav.getByRole("link")).toHaveText([...sees]);
    await expect(page.getByRole("banner").getByText(account.name)).toBeVisible();
    await expectAccessible(page);

    await page.goto("/profile");
    await expect(page.getByRole("heading", { name: "My profile" })).toBeVisible();
    // The email is text, not a field: nobody edits it here.
    await expect(page.getByRole("definition").filter({ hasText: account.users[role].email })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Email" })).toHaveCount(0);
    await expectAccessible(page);
  });
}

test("support staff and members get no audit log, even by URL", async ({ page, account, signIn }) => {
  await signIn(account.users.SUPPORT_STAFF.email);
  const response = await page.goto("/settings/audit-log");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectAccessible(page);
});

test("the home page shows the account's seats", async ({ page, account, signIn }) => {
  await signIn(account.users.ACCOUNT_HOLDER.email);
  const products = page.getByRole("table");
  await expect(products.getByRole("row", { name: /LogMeIn Central/ })).toContainText("1 of 5 used");
  await expect(products.getByRole("row", { name: /Remote Support/ })).toContainText("0 of 3 used");
});

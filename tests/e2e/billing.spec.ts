import { expect, expectAccessible, test } from "./fixtures";

test("the account holder sees subscriptions and invoices", async ({ page, db, account, signIn }) => {
  // Renewal is on 1 January (UTC) next year: still 31 December the year before in New York.
  await db.user.update({ where: { id: account.users.ACCOUNT_HOLDER.id }, data: { timeZone: "America/New_York" } });
  await db.invoice.createMany({
    data: [
      { accountId: account.id, number: "INV-E2E-001", issuedAt: new Date("2026-01-05T12:00:00Z"), amountCents: 123_450, currency: "EUR", status: "PAID" },
      { accountId: account.id, number: "INV-E2E-003", issuedAt: new Date("2026-03-05T12:00:00Z"), amountCents: 4_999, currency: "USD", status: "OPEN" },
      { accountId: account.id, number: "INV-E2E-002", issuedAt: new Date("2026-02-05T12:00:00Z"), amountCents: 9_900, currency: "EUR", status: "OVERDUE" },
    ],
  });

  await signIn(account.users.ACCOUNT_HOLDER.email);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Billing" }).click();
  await expect(page).toHaveURL("/billing");
  await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();

  const subscriptions = page.getByRole("table", { name: "Subscriptions" });
  const renewal = `December 31, ${new Date().getUTCFullYear()}`;
  const central = subscriptions.getByRole("row", { name: /LogMeIn Central/ });
  await expect(central).toContainText("1 of 5 used");
  await expect(central.getByRole("cell")).toHaveText(["1 of 5 used", "4", renewal, "Active"]);
  await expect(subscriptions.getByRole("row", { name: /Remote Support/ }).getByRole("cell")).toHaveText(["0 of 3 used", "3", renewal, "Active"]);

  const invoices = page.getByRole("table", { name: "Invoices" });
  await expect(invoices.getByRole("rowheader")).toHaveText(["INV-E2E-003", "INV-E2E-002", "INV-E2E-001"]);
  await expect(invoices.getByRole("row", { name: /INV-E2E-003/ }).getByRole("cell")).toHaveText(["March 5, 2026", "$49.99", "Open"]);
  await expect(invoices.getByRole("row", { name: /INV-E2E-002/ }).getByRole("cell")).toHaveText(["February 5, 2026", "€99.00", "Overdue"]);
  await expect(invoices.getByRole("row", { name: /INV-E2E-001/ }).getByRole("cell")).toHaveText(["January 5, 2026", "€1,234.50", "Paid"]);
  await expectAccessible(page);
});

test("an account without invoices says so", async ({ page, account, signIn }) => {
  await signIn(account.users.ACCOUNT_HOLDER.email);
  await page.goto("/billing");
  await expect(page.getByRole("table", { name: "Invoices" })).toHaveCount(0);
  await expect(page.getByText("No invoices yet.")).toBeVisible();
  await expectAccessible(page);
});

for (const role of ["ADMIN", "SUPPORT_STAFF", "MEMBER"] as const) {
  test(`${role} has no billing, even by URL`, async ({ page, account, signIn }) => {
    await signIn(account.users[role].email);
    await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Billing" })).toHaveCount(0);
    expect((await page.goto("/billing"))?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });
}

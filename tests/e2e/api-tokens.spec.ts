import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";
import { toastsGone } from "./support/toasts";

const SECRET = /^ca_[A-Za-z0-9_-]{43}$/;
/** A stored token's digest, of a secret nobody knows. */
const digest = () => crypto.randomBytes(32).toString("hex");

const table = (page: Page) => page.getByRole("table", { name: "API tokens" });
const row = (page: Page, name: string) => table(page).getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
const tokenField = (page: Page) => page.getByRole("textbox", { name: "Token", exact: true });
const usersWith = (request: import("@playwright/test").APIRequestContext, secret: string) =>
  request.get("/api/v1/users", { headers: { Authorization: `Bearer ${secret}` } });

test("the account holder creates a token, sees it once, uses it, sees its last use and revokes it", async ({ page, context, request, db, account, signIn }) => {
  await signIn(account.users.ACCOUNT_HOLDER.email);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "API tokens" }).click();
  await expect(page).toHaveURL("/settings/api-tokens");
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await expect(page.getByText("No API tokens yet.")).toBeVisible();
  await expect(page.getByRole("link", { name: "API reference" })).toHaveAttribute("href", "/settings/api-tokens/reference");
  // The holder may give any role up to their own, and a token that never expires.
  await expect(page.getByLabel("Role ceiling").locator("option")).toHaveText(["Account holder", "Admin", "Support staff", "Member"]);
  await expect(page.getByLabel("Expires").locator("option")).toHaveText(["30 days", "90 days", "1 year", "Never"]);
  await expect(page.getByRole("group", { name: "Scopes" })).toContainText("None ticked means everything the role ceiling allows.");
  await expectAccessible(page);

  // Bad input: the message at the field, nothing stored.
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("This field is required.")).toBeVisible();
  expect(await db.apiToken.count({ where: { accountId: account.id } })).toBe(0);

  await page.getByLabel("Name", { exact: true }).fill("Deploy");
  await page.getByLabel("Role ceiling").selectOption({ label: "Admin" });
  await page.getByLabel("Expires").selectOption({ label: "30 days" });
  await page.getByRole("checkbox", { name: "Users" }).check();
  await page.getByRole("button", { name: "Create token" }).click();

  // The secret, once, in a read-only field, with the warning and Copy.
  await expect(tokenField(page)).toHaveValue(SECRET);
  await expect(tokenField(page)).toHaveAttribute("readonly", "");
  await expect(page.getByText("Copy the token now and keep it somewhere safe: you won't see it again.")).toBeVisible();
  const secret = await tokenField(page).inputValue();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByText("Token copied.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  const deploy = row(page, "Deploy");
  await expect(deploy.getByRole("cell")).toHaveText(["Admin", "Users", "Hana Tester", /\d/, "Never used", /\d/, /Revoke/]);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("");
  await toastsGone(page);
  await expectAccessible(page);

  // Gone once the page is loaded again: only its digest is stored.
  await page.reload();
  await expect(deploy).toBeVisible();
  await expect(tokenField(page)).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  const stored = await db.apiToken.findFirstOrThrow({ where: { accountId: account.id } });
  expect(stored.secretHash).not.toContain(secret);

  // A program uses it; the list then shows when and from where.
  expect((await usersWith(request, secret)).status()).toBe(200);
  await page.reload();
  await expect(deploy.getByRole("cell").nth(4)).not.toHaveText("Never used");
  await expect(deploy.getByRole("cell").nth(4)).toContainText(/\d.*from \S+/);

  // Revoke asks first, naming the token; Cancel changes nothing.
  await deploy.getByRole("button", { name: "Revoke Deploy" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke the token “Deploy”?" });
  await expect(dialog).toContainText("Every program that uses it is refused from now on.");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(deploy).toBeVisible();

  await deploy.getByRole("button", { name: "Revoke Deploy" }).click();
  await dialog.getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByText("No API tokens yet.")).toBeVisible();
  await expect(page.getByRole("region", { name: /Notifications/ })).toContainText("The token “Deploy” was revoked.");
  expect((await usersWith(request, secret)).status()).toBe(401);
  expect((await db.auditEvent.findMany({ where: { accountId: account.id, targetType: "apiToken" }, orderBy: { createdAt: "asc" } })).map((e) => e.action))
    .toEqual(["apiToken.create", "apiToken.revoke"]);
});

test("an admin may give at most their own role and must choose an expiry; the holder's token is not theirs to revoke", async ({ page, db, account, signIn }) => {
  await db.apiToken.create({
    data: { accountId: account.id, name: "Holder's own", secretHash: digest(), roleCeiling: "ACCOUNT_HOLDER", createdById: account.users.ACCOUNT_HOLDER.id, expiresAt: null },
  });
  await db.apiToken.create({
    data: { accountId: account.id, name: "Old", secretHash: digest(), roleCeiling: "MEMBER", createdById: account.users.ADMIN.id, expiresAt: new Date(Date.now() - 86_400_000) },
  });
  await signIn(account.users.ADMIN.email);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByLabel("Role ceiling").locator("option")).toHaveText(["Admin", "Support staff", "Member"]);
  await expect(page.getByLabel("Expires").locator("option")).toHaveText(["30 days", "90 days", "1 year"]);

  await expect(row(page, "Holder's own").getByRole("cell")).toHaveText(["Account holder", "All within the ceiling", "Hana Tester", /\d/, "Never used", "Never", ""]);
  await expect(row(page, "Old").getByRole("cell").nth(5)).toHaveText("Expired");
  await expect(row(page, "Old").getByRole("button", { name: "Revoke Old" })).toBeVisible();
  await expectAccessible(page);
});

for (const role of ["SUPPORT_STAFF", "MEMBER"] as const) {
  test(`${role} has no API tokens page, in the navigation or by URL`, async ({ page, account, signIn }) => {
    await signIn(account.users[role].email);
    await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Home" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "API tokens" })).toHaveCount(0);
    expect((await page.goto("/settings/api-tokens"))?.status()).toBe(404);
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the account holder still creates a token, sees it once and revokes it through the confirm step", async ({ page, db, account, signIn }) => {
    await signIn(account.users.ACCOUNT_HOLDER.email);
    await page.goto("/settings/api-tokens");
    await page.getByLabel("Name", { exact: true }).fill("Okta provisioning");
    await page.getByLabel("Role ceiling").selectOption({ label: "Admin" });
    await page.getByLabel("Expires").selectOption({ label: "Never" });
    await page.getByRole("checkbox", { name: "SCIM" }).check();
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(tokenField(page)).toHaveValue(SECRET);
    // No Copy button without the script that copies: the field can be selected.
    await expect(page.getByRole("button", { name: "Copy", exact: true })).toHaveCount(0);
    await expect(row(page, "Okta provisioning").getByRole("cell")).toHaveText(["Admin", "SCIM", "Hana Tester", /\d/, "Never used", "Never", /Revoke/]);
    expect(await db.apiToken.findFirstOrThrow({ where: { accountId: account.id } })).toMatchObject({ name: "Okta provisioning", scopes: ["SCIM"], expiresAt: null });

    await row(page, "Okta provisioning").getByRole("button", { name: "Revoke Okta provisioning" }).click();
    await expect(page).toHaveURL(/\?revoke=/);
    await page.getByRole("dialog", { name: "Revoke the token “Okta provisioning”?" }).getByRole("button", { name: "Revoke token" }).click();
    await expect(page.getByText("No API tokens yet.")).toBeVisible();
    expect((await db.apiToken.findFirstOrThrow({ where: { accountId: account.id } })).revokedAt).not.toBeNull();
  });
});

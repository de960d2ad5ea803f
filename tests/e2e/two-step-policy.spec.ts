import type { Page } from "@playwright/test";
import { expect, expectAccessible, submitSignIn, test } from "./fixtures";
import { hotp, totpStep } from "../../lib/auth/totp";

const table = (page: Page) => page.getByRole("table", { name: "Users" });

/** The Two-step cell of a user's row in the users list. */
async function twoStepCell(page: Page, name: string) {
  const headers = await table(page).getByRole("columnheader").allTextContents();
  const column = headers.findIndex((h) => h.trim() === "Two-step");
  expect(column, "the list has a Two-step column").toBeGreaterThan(0);
  return table(page).getByRole("row", { name: new RegExp(name) }).getByRole("cell").nth(column);
}

test("the account holder requires two-step verification of admins; an admin without a factor can only set it up", async ({ page, browser, db, account, signIn }) => {
  // The holder has a factor (as if set up on their Profile › Security tab; marked once signed in, so
  // this sign-in asks no second step), so the policy doesn't hold them back.
  await signIn(account.users.ACCOUNT_HOLDER.email);
  await db.user.update({ where: { id: account.users.ACCOUNT_HOLDER.id }, data: { twoStepEnabled: true, totpSecret: "sealed-elsewhere" } });
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Security" }).click();
  await expect(page).toHaveURL("/settings/security");
  await expect(page.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
  const policy = page.getByRole("group", { name: "Require two-step verification for" });
  await expect(policy.getByRole("radio", { name: "Nobody" })).toBeChecked();
  await expectAccessible(page);

  // Bad input: a clear message at the field, nothing saved.
  await policy.getByRole("radio", { name: "Admins and account holders" }).check();
  await page.getByLabel("Grace period (days)").fill("15");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Enter a whole number of days from 0 to 14.")).toBeVisible();
  await expect(page.getByLabel("Grace period (days)")).toHaveAttribute("aria-invalid", "true");
  expect((await db.account.findUniqueOrThrow({ where: { id: account.id } })).twoStepPolicy).toBe("NOBODY");
  await expectAccessible(page);

  await page.getByLabel("Grace period (days)").fill("0");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Security settings saved.");
  expect(await db.account.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({ twoStepPolicy: "ADMINS", twoStepGraceDays: 0 });

  // The admin, who has no second factor, is sent to set one up and can open nothing else.
  const context = await browser.newContext();
  const admin = await context.newPage();
  await submitSignIn(admin, account.users.ADMIN.email);
  await expect(admin).toHaveURL("/profile/security");
  await admin.goto("/people/users");
  await expect(admin).toHaveURL("/profile/security");
  expect((await admin.request.get("/people/users/export")).status()).toBe(404);

  // Setting up the authenticator app there lets them through.
  await admin.getByRole("button", { name: "Set up authenticator app" }).click();
  const secret = (await admin.getByLabel("Setup key").inputValue()).replace(/\s/g, "");
  await admin.getByLabel("Verification code").fill(hotp(secret, totpStep()));
  await admin.getByRole("button", { name: "Verify" }).click();
  await expect(admin.getByText("Your authenticator app is set up.")).toBeVisible();
  await admin.goto("/people/users");
  await expect(admin).toHaveURL("/people/users");
  await context.close();
});

test("during the grace period a banner says until when", async ({ page, db, account, signIn }) => {
  await db.account.update({ where: { id: account.id }, data: { twoStepPolicy: "EVERYONE", twoStepGraceDays: 7, twoStepPolicyAt: new Date() } });
  await signIn(account.users.MEMBER.email);
  const banner = page.getByRole("region", { name: "Two-step verification" });
  await expect(banner).toContainText(/Your account requires two-step verification\. Set it up by .+\./);
  await expect(banner.getByRole("link", { name: "Set up two-step verification" })).toHaveAttribute("href", "/profile/security");
  await expectAccessible(page);
});

test("an admin resets a member's two-step verification", async ({ page, db, account, signIn }) => {
  const member = account.users.MEMBER;
  await db.user.update({ where: { id: member.id }, data: { twoStepEnabled: true, totpSecret: "sealed-elsewhere", totpEnabledAt: new Date() } });
  await signIn(account.users.ADMIN.email);
  await page.goto("/people/users?twoStep=on");
  await expect(table(page).getByRole("row")).toHaveCount(2); // the header and the member
  await expect(await twoStepCell(page, "Milo Tester")).toHaveText("On");
  await expect(page.getByLabel("Two-step", { exact: true })).toHaveValue("on");

  await table(page).getByRole("link", { name: "Milo Tester" }).click();
  await expect(page.getByText("Two-step verification: On")).toBeVisible();
  await page.getByRole("button", { name: "Reset two-step verification" }).click();
  const dialog = page.getByRole("dialog", { name: "Reset two-step verification" });
  await expect(dialog).toContainText("Their authenticator app, passkeys and recovery codes are removed");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Reset two-step verification" }).click();
  await expect(page.getByRole("status")).toContainText("Two-step verification reset.");
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Two-step verification: Off")).toBeVisible();
  expect(await db.user.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({ twoStepEnabled: false, totpSecret: null });
  expect(await db.outboxEmail.count({ where: { accountId: account.id, kind: "twoStepReset", recipient: member.email } })).toBe(1);

  await page.goto("/people/users");
  await expect(await twoStepCell(page, "Milo Tester")).toHaveText("Off");
  // The admin's own page offers no reset (Profile › Security is for that), nor the account holder's.
  await page.goto(`/people/users/${account.users.ADMIN.id}`);
  await expect(page.getByText("Two-step verification: Off")).toBeVisible();
  await expect(page.getByRole("button", { name: "Reset two-step verification" })).toHaveCount(0);
  await page.goto(`/people/users/${account.users.ACCOUNT_HOLDER.id}`);
  await expect(page.getByText("Two-step verification: Off")).toBeVisible();
  await expect(page.getByRole("button", { name: "Reset two-step verification" })).toHaveCount(0);
  // Settings › Security is the account holder's alone.
  expect((await page.goto("/settings/security"))?.status()).toBe(404);
});

// Two-step verification in the browser: set up an authenticator app on Profile › Security (the
// code computed from the shown setup key, as an app would), then sign in with password + code,
// and with a recovery code.
import type { Page } from "@playwright/test";
import { expect, expectAccessible, submitSignIn, test } from "./fixtures";
import { hotp, totpStep } from "../../lib/auth/totp";

/** A code of the secret for a step no earlier code used (the one after this one; ±1 step is accepted). */
const codeAfter = (secret: string, steps = 1) => hotp(secret, totpStep() + steps);
/** Six digits that are none of the codes accepted now. */
const wrongCode = (secret: string) => {
  const valid = new Set([-1, 0, 1, 2].map((offset) => hotp(secret, totpStep() + offset)));
  return ["000000", "111111", "222222", "333333", "444444"].find((code) => !valid.has(code))!;
};

async function signOut(page: Page, name: string) {
  await page.getByText(name).click();
  await page.locator("details").getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
}

/** Sets up the authenticator app on Profile › Security; returns its secret and the recovery codes shown once. */
async function setUpAuthenticatorApp(page: Page) {
  await page.goto("/profile/security");
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  const setupKey = page.getByLabel("Setup key");
  await expect(setupKey).toHaveAttribute("readonly", "");
  const secret = (await setupKey.inputValue()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole("img", { name: "QR code of the setup key" })).toBeVisible();
  return secret;
}

test("a member sets up an authenticator app and signs in with password and code", async ({ page, account, signIn }) => {
  test.setTimeout(120_000); // two sign-ins and five axe passes: ~55 s on a busy 2-core machine
  const member = account.users.MEMBER;
  await signIn(member.email);
  await page.goto("/profile/security");
  await expect(page.getByRole("navigation", { name: "Profile sections" }).getByRole("link", { name: "Security" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: "Active sessions" })).toBeVisible();
  await expectAccessible(page);

  const secret = await setUpAuthenticatorApp(page);
  await expectAccessible(page);

  // A wrong code, then letters: messages at the field; then the right code, typed with a space.
  await page.getByLabel("Verification code").fill(wrongCode(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That code isn't valid. Check it and try again.")).toBeVisible();
  await page.getByLabel("Verification code").fill("12a456");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("Enter the 6-digit code from your authenticator app (digits only).")).toBeVisible();
  const code = hotp(secret, totpStep());
  await page.getByLabel("Verification code").fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("Your authenticator app is set up.")).toBeVisible();
  const codes = page.getByRole("list", { name: "Your new recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  await expect(page.getByText("10 codes left")).toBeVisible();
  await expect(page.getByLabel("Setup key")).toHaveCount(0);
  await expectAccessible(page);

  // Shown once: a new visit lists none.
  await page.reload();
  await expect(page.getByText("10 codes left")).toBeVisible();
  await expect(page.getByRole("list", { name: "Your new recovery codes" })).toHaveCount(0);

  await signOut(page, "Milo Tester");
  await submitSignIn(page, member.email);
  await expect(page).toHaveURL("/sign-in/verify");
  await expect(page.getByRole("heading", { name: "Two-step verification" })).toBeVisible();
  await expectAccessible(page);

  // The pending state is not a session: the app's pages still send to sign-in.
  const verifyUrl = page.url();
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto(verifyUrl);

  await page.getByLabel("Verification code").fill(wrongCode(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That code isn't valid. Check it and try again." })).toBeVisible();
  await page.getByLabel("Verification code").fill(codeAfter(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL("/");
});

test("a user signs in with a recovery code, which then no longer works", async ({ page, account, signIn }) => {
  test.setTimeout(120_000); // three sign-ins
  const admin = account.users.ADMIN;
  await signIn(admin.email);
  const secret = await setUpAuthenticatorApp(page);
  await page.getByLabel("Verification code").fill(hotp(secret, totpStep()));
  await page.getByRole("button", { name: "Verify" }).click();
  const shown = page.getByRole("list", { name: "Your new recovery codes" }).getByRole("listitem");
  await expect(shown).toHaveCount(10);
  const codes = await shown.allTextContents();
  await signOut(page, "Ada Tester");

  await submitSignIn(page, admin.email);
  await expect(page).toHaveURL("/sign-in/verify");
  await page.getByRole("link", { name: "Use a recovery code" }).click();
  await expect(page.getByLabel("Recovery code")).toBeVisible();
  await expectAccessible(page);
  // "Use another method" goes back to the app's code.
  await page.getByRole("link", { name: "Use another method" }).click();
  await expect(page.getByLabel("Verification code")).toBeVisible();
  await page.getByRole("link", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(codes[0].toUpperCase());
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL("/");

  await page.goto("/profile/security");
  await expect(page.getByText("9 codes left")).toBeVisible();
  await signOut(page, "Ada Tester");
  await submitSignIn(page, admin.email);
  await page.getByRole("link", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(codes[0]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That code isn't valid. Check it and try again." })).toBeVisible();
});

test("without a pending sign-in, the second step's page sends to sign-in", async ({ page }) => {
  await page.goto("/sign-in/verify");
  await expect(page).toHaveURL(/\/sign-in$/);
});

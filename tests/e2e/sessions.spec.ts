// Server-side sessions (decision 0003): signing out ends the session on the server, so a copy of
// its cookie is worthless; Profile › Active sessions lists the user's sessions and signs out one
// or all the others.
import type { BrowserContext, Page } from "@playwright/test";
import { expect, expectAccessible, submitSignIn, test } from "./fixtures";

const SESSION_COOKIE = "central-admin.session"; // served over plain http here: no __Host- prefix

async function signedInContext(browser: import("@playwright/test").Browser, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await submitSignIn(page, email);
  await expect(page).toHaveURL("/");
  return { context, page };
}

const activeSessions = (page: Page) => page.getByRole("region", { name: "Active sessions" });

test("after signing out, the cookie captured before is refused, cleared and not renewed", async ({ page, context, browser, account, signIn }) => {
  await signIn(account.users.MEMBER.email);
  const captured = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(captured).toBeDefined();

  await page.getByText("Milo Tester").click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  // Someone who copied the cookie replays it in a browser of their own.
  const replay = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  await replay.addCookies([captured!]);
  const thief = await replay.newPage();
  const renewals: string[] = [];
  thief.on("response", async (response) => {
    const setCookie = (await response.headersArray()).filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
    if (setCookie.some((value) => value.startsWith(`${SESSION_COOKIE}=`) && !value.startsWith(`${SESSION_COOKIE}=;`))) renewals.push(response.url());
  });
  await thief.goto("/profile");
  await expect(thief).toHaveURL(/\/sign-in$/);
  await expect(thief.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect(renewals, "no response re-issued the session cookie").toEqual([]);
  expect((await replay.cookies()).map((c) => c.name), "the refused cookie is cleared").not.toContain(SESSION_COOKIE);
  await thief.goto("/");
  await expect(thief).toHaveURL(/\/sign-in$/);
  await replay.close();
});

test("Sign out everywhere else ends the user's other sessions and keeps this one", async ({ page, browser, account, signIn }) => {
  const member = account.users.MEMBER;
  const elsewhere = await signedInContext(browser, member.email);
  await signIn(member.email);
  await page.goto("/profile/security");

  const sessions = activeSessions(page);
  await expect(sessions.getByRole("heading", { name: "Active sessions" })).toBeVisible();
  await expect(sessions.getByRole("listitem")).toHaveCount(2);
  await expect(sessions.getByRole("listitem").filter({ hasText: "This device" })).toHaveCount(1);
  await expect(sessions.getByRole("listitem").first()).toContainText("Chrome on Windows"); // Playwright's Desktop Chrome
  await expectAccessible(page);

  await sessions.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(sessions.getByRole("listitem")).toHaveCount(1);
  await expect(sessions.getByRole("listitem")).toContainText("This device");

  // The other browser is signed out on its next navigation; this one carries on.
  await elsewhere.page.goto("/profile/security");
  await expect(elsewhere.page).toHaveURL(/\/sign-in$/);
  await page.goto("/profile/security");
  await expect(page).toHaveURL("/profile/security");
  await elsewhere.context.close();
});

test("Sign out on a listed session ends only that session", async ({ page, browser, account, signIn }) => {
  const admin = account.users.ADMIN;
  const first = await signedInContext(browser, admin.email);
  const second = await signedInContext(browser, admin.email);
  await signIn(admin.email);
  await page.goto("/profile/security");

  const sessions = activeSessions(page);
  await expect(sessions.getByRole("listitem")).toHaveCount(3);
  // Newest first after this device: the second browser's session is the first other one listed.
  await sessions.getByRole("listitem").filter({ hasNotText: "This device" }).first().getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(sessions.getByRole("listitem")).toHaveCount(2);
  await expectAccessible(page);

  await second.page.goto("/profile/security");
  await expect(second.page).toHaveURL(/\/sign-in$/);
  await first.page.goto("/profile/security");
  await expect(first.page).toHaveURL("/profile/security");
  await page.goto("/profile/security");
  await expect(page).toHaveURL("/profile/security");
  await Promise.all([first.context.close(), second.context.close()]);
});

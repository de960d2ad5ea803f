import { expect, expectAccessible, PASSWORD, test } from "./fixtures";

test("a signed-out visitor is sent to the sign-in page", async ({ page }) => {
  await page.goto("/settings/audit-log");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expectAccessible(page);
});

test("a wrong password gets one message that doesn't say whether the email exists", async ({ page, account }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.users.ADMIN.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const wrongPassword = page.locator("form").getByRole("alert");
  await expect(wrongPassword).toHaveText("The email or password is incorrect.");
  // The email stays as typed; only the password is typed again.
  await expect(page.getByLabel("Email")).toHaveValue(account.users.ADMIN.email);
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expectAccessible(page);

  await page.getByLabel("Email").fill("nobody-at-all@e2e.example");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("The email or password is incorrect.");
  await expect(page).toHaveURL(/\/sign-in/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a wrong password keeps the email in the form the server sends back", async ({ page, account }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(account.users.MEMBER.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("The email or password is incorrect.");
    await expect(page.getByLabel("Email")).toHaveValue(account.users.MEMBER.email);
  });
});

test("empty and malformed fields are reported at the field", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription(/Enter a valid email address/);
  await expect(page.getByLabel("Email")).toHaveValue("not-an-email");
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription("This field is required.");
  await expectAccessible(page);
});

test("sign in, then sign out from the account menu", async ({ page, account, signIn }) => {
  await signIn(account.users.MEMBER.email);
  await expect(page.getByRole("heading", { name: "Welcome, Milo" })).toBeVisible();
  await page.getByText("Milo Tester").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("a suspended user's open session ends on the next request", async ({ page, account, signIn, db }) => {
  await signIn(account.users.ADMIN.email);
  await db.user.update({ where: { id: account.users.ADMIN.id }, data: { status: "SUSPENDED", sessionVersion: { increment: 1 } } });
  await page.goto("/settings/audit-log");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test.describe("the page to return to after sign-in", () => {
  for (const [name, callbackUrl] of [
    ["a dot segment before two slashes", "/.//evil.example"],
    ["unicode division slashes", "/\u2215\u2215evil.example"],
  ]) {
    test(`${name} (${callbackUrl}) leads home, on this site, without an error`, async ({ page, account, baseURL }) => {
      const leftSite: string[] = [];
      page.on("request", (request) => {
        if (!request.url().startsWith(baseURL!)) leftSite.push(request.url());
      });
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await page.getByLabel("Email").fill(account.users.MEMBER.email);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(`${baseURL}/`);
      await expect(page.getByRole("heading", { name: "Welcome, Milo" })).toBeVisible();
      expect(leftSite).toEqual([]);
    });
  }

  test("a page of the app is kept, with its query", async ({ page, account, baseURL }) => {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/people/users?status=ACTIVE")}`);
    await page.getByLabel("Email").fill(account.users.ADMIN.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${baseURL}/people/users?status=ACTIVE`);
  });
});

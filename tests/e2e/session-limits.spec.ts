// Lifetimes and sign-in limits need settings the shared app doesn't run with: an app of its own,
// with a 12-second idle lifetime, a 36-second absolute one and small sign-in allowances. Its public
// address is HTTPS (served over HTTP on 127.0.0.1, which Chromium treats as a secure context), so
// its cookies are the production ones: Secure, with __Host- names.
import { expect, test } from "@playwright/test";
import { createAccount } from "../../lib/seed/accounts";
import { startAppInstance, type AppInstance } from "./support/app-instance";
import { expectAccessible, PASSWORD, submitSignIn } from "./fixtures";

let app: AppInstance;
test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  app = await startAppInstance({
    SESSION_IDLE_MINUTES: "0.2",
    SESSION_MAX_AGE_HOURS: "0.01",
    SIGN_IN_FAILURES_PER_EMAIL: "3",
    SIGN_IN_FAILURES_PER_IP: "6",
    APP_URL: "https://central-admin.test",
  });
});
test.afterAll(async () => app?.stop());
// Pages talk to this spec's app, submitSignIn's /sign-in included (unset while beforeAll starts it).
test.use({ baseURL: async ({}, use) => use(app?.base) });

async function member(tag: string) {
  const email = `${tag}-${Date.now()}@limits.example`;
  await createAccount(app.db, { name: `Limits ${tag}`, password: PASSWORD, users: [{ email, firstName: "Lin", lastName: "Mit", role: "MEMBER" }] });
  return email;
}

test("over HTTPS, cookies are Secure with __Host- names, and HSTS is on", async ({ page, context }) => {
  const response = await page.goto(`${app.base}/sign-in`);
  expect(response!.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  await submitSignIn(page, await member("https"));
  await expect(page).toHaveURL(`${app.base}/`);
  const cookies = await context.cookies();
  expect(cookies.find((c) => c.name === "__Host-central-admin.session")).toMatchObject({ secure: true, httpOnly: true, sameSite: "Lax", path: "/" });
  expect(cookies.filter((c) => c.name.startsWith("central-admin"))).toEqual([]);
  await page.goto(`${app.base}/profile`);
  await expect(page).toHaveURL(`${app.base}/profile`); // the Secure cookie is sent back
});

test("a session unused for the idle lifetime ends; one in use lasts until the absolute lifetime", async ({ page }) => {
  test.setTimeout(120_000);
  await submitSignIn(page, await member("idle"));
  await expect(page).toHaveURL(`${app.base}/`);
  await page.waitForTimeout(14_000);
  await page.goto(`${app.base}/profile`);
  await expect(page).toHaveURL(/\/sign-in/);

  // In use every 3 seconds: well past the idle lifetime, still signed in…
  await submitSignIn(page, await member("active"));
  await expect(page).toHaveURL(`${app.base}/`);
  const signedInAt = Date.now();
  while (Date.now() - signedInAt < 24_000) {
    await page.waitForTimeout(3_000);
    await page.goto(`${app.base}/profile`);
    await expect(page).toHaveURL(`${app.base}/profile`);
  }
  // …until 36 seconds after signing in, however active.
  while (Date.now() - signedInAt < 37_000) {
    await page.waitForTimeout(2_500);
    await page.goto(`${app.base}/profile`);
  }
  await expect(page).toHaveURL(/\/sign-in/);
});

test("failed sign-ins are limited per email, then per address, with a clear message", async ({ page }) => {
  test.setTimeout(60_000);
  const locked = await member("locked");
  for (let i = 0; i < 3; i++) {
    await submitSignIn(page, locked, "wrong password");
    await expect(page.getByText("The email or password is incorrect.")).toBeVisible();
  }
  // Even the right password is refused now, and the message says how long to wait.
  await submitSignIn(page, locked);
  await expect(page.getByText("Too many failed sign-ins. Try again in 15 minutes.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  await expectAccessible(page);

  // Another email still signs in… until this address has failed 6 times in all.
  const fine = await member("fine");
  for (let i = 0; i < 3; i++) {
    await submitSignIn(page, `nobody-${i}@limits.example`, "wrong password");
    await expect(page.getByText("The email or password is incorrect.")).toBeVisible();
  }
  await submitSignIn(page, fine);
  await expect(page.getByText(/Too many failed sign-ins/)).toBeVisible();
  expect(await app.db.user.count({ where: { email: fine } })).toBe(1);
});

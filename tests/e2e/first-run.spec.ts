// The first run of a production install: an app of its own on an empty PostgreSQL database (no
// SEED_DEMO) prints a one-time setup link; the form creates the account and signs its holder in;
// the users list holds only them; /setup is a 404 from then on.
import crypto from "node:crypto";
import { expect, expectAccessible, test } from "./fixtures";
import { startAppInstance, type AppInstance } from "./support/app-instance";
import { createSpecDatabase, type SpecDatabase } from "./support/spec-database";

test.describe.configure({ mode: "serial", timeout: 180_000 });

const PASSWORD = "first run passphrase 42";
const tag = crypto.randomBytes(3).toString("hex");

let database: SpecDatabase;
let app: AppInstance | undefined;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  database = await createSpecDatabase();
  app = await startAppInstance({ SEED_DEMO: "", AUTH_SECRET: crypto.randomBytes(32).toString("base64url") }, { databaseUrl: database.url });
});

test.afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

test("the printed setup link creates the account and signs its holder in; then /setup is a 404", async ({ browser }) => {
  const { base, db, output } = app!;
  expect(await db.account.count()).toBe(0);
  expect(await db.user.count()).toBe(0);
  const link = /Set up Central Admin: (\S+)/.exec(output())?.[1];
  expect(link, output()).toMatch(new RegExp(`^${base}/setup\\?token=[A-Za-z0-9_-]{43}$`));

  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();

  // A wrong link is told so, without a form.
  await page.goto("/setup?token=not-the-token");
  await expect(page.getByRole("heading", { name: "This setup link isn't valid" })).toBeVisible();
  await expect(page.getByLabel("Account name")).toHaveCount(0);

  await page.goto(link!);
  await expect(page.getByRole("heading", { name: "Set up Central Admin" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Account name").fill(`Globex ${tag}`);
  await page.getByLabel("First name").fill("Grace");
  await page.getByLabel("Last name").fill("Hopper");
  await page.getByLabel("Work email").fill(`grace-${tag}@globex.example`);
  // A common password is refused at its field; what was typed stays (but the passwords).
  await page.getByLabel("Password", { exact: true }).fill("passwordpassword");
  await page.getByLabel("Confirm password").fill("passwordpassword");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("This password is too common")).toBeVisible();
  await expect(page.getByLabel("Account name")).toHaveValue(`Globex ${tag}`);
  await expect(page.getByLabel("Work email")).toHaveValue(`grace-${tag}@globex.example`);
  await expectAccessible(page);
  expect(await db.account.count()).toBe(0);

  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();

  // Signed in, on the home page of the new account.
  await expect(page).toHaveURL(`${base}/`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Grace");

  // The users list: the holder, alone.
  await page.goto("/people/users");
  const rows = page.getByRole("table", { name: "Users" }).getByRole("row");
  await expect(rows).toHaveCount(2); // the header and the holder
  await expect(rows.nth(1)).toContainText(`grace-${tag}@globex.example`);
  expect(await db.user.findMany({ select: { email: true, role: true, status: true } })).toEqual([
    { email: `grace-${tag}@globex.example`, role: "ACCOUNT_HOLDER", status: "ACTIVE" },
  ]);

  // The link is spent, and the page is gone for good: with it, without it, signed in or not.
  for (const url of [link!, "/setup"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
  }
  const anonymous = await browser.newContext({ baseURL: base });
  expect((await (await anonymous.newPage()).goto(link!))?.status()).toBe(404);
  await anonymous.close();
  await context.close();
});

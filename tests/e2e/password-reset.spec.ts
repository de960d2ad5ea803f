// "Forgot password?" through a real SMTP server: this file runs its own app instance (its own
// embedded database, SMTP_URL pointing at a smtp-server on 127.0.0.1), as mail-delivery.spec.ts
// does, and reads the link from the delivered message.
import crypto from "node:crypto";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { createAccount } from "../../lib/seed/accounts";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";
import { expect, expectAccessible, PASSWORD, submitSignIn, test } from "./fixtures";
import { startAppInstance, type AppInstance } from "./support/app-instance";

const NEW_PASSWORD = "a freshly reset passphrase";

let smtp: TestSmtpServer;
let app: AppInstance;
let db: PrismaClient;
let base: string;

test.describe.configure({ mode: "serial", timeout: 120_000 });

test.beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startAppInstance({ SMTP_URL: smtp.url });
  ({ db, base } = app);
});

test.afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

test("forgot password: the emailed link sets a new password; the old one stops working", async ({ browser }) => {
  const tag = crypto.randomBytes(3).toString("hex");
  const email = `milo-${tag}@mail.example`;
  await createAccount(db, {
    name: `Reset ${tag}`, password: PASSWORD, seats: { central: 1 },
    users: [{ email, firstName: "Milo", lastName: "Member", role: "MEMBER" }],
  });

  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account uses this address, we've sent a link");
  await expectAccessible(page);

  // Delivered over SMTP by the app's worker, once the queued request was looked up.
  await smtp.waitFor(1, 60_000);
  const mail = smtp.received.find((m) => (m.parsed.to as { text?: string } | undefined)?.text === email)!;
  expect(mail.parsed.subject).toContain("Reset your password");
  const link = new RegExp(`(${base.replace(/[.]/g, "\\.")}/reset-password/[A-Za-z0-9_-]{43})`).exec(mail.parsed.text ?? "")?.[1];
  expect(link, mail.parsed.text).toBeDefined();

  // The page with the token in its URL sends no Referer anywhere.
  const response = await page.goto(link!);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm new password").fill("not the same passphrase");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("The passwords don't match.")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set password" }).click();
  // Not signed in: the sign-in page says the password changed.
  await expect(page).toHaveURL(`${base}/sign-in?notice=passwordChanged`);
  await expect(page.getByRole("status")).toContainText("Your password was changed");

  // The link is used up.
  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1, name: "This link was already used" })).toBeVisible();
  await expectAccessible(page);

  // The old password is refused, the new one signs in.
  await submitSignIn(page, email, PASSWORD);
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page).toHaveURL(`${base}/sign-in`);
  await submitSignIn(page, email, NEW_PASSWORD);
  await expect(page).toHaveURL(`${base}/`);

  // And a notice that the password changed went out too.
  await smtp.waitFor(2, 60_000);
  expect(smtp.received.some((m) => m.parsed.subject?.includes("was changed"))).toBe(true);
  await context.close();
});

test("a reset link of the wrong shape or unknown gets a clear page, never an error", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  for (const token of ["short", "A".repeat(43), "%2e%2e%2f"]) {
    const response = await page.goto(`/reset-password/${token}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
    await expect(page.getByRole("heading", { level: 1, name: "This link isn't valid" })).toBeVisible();
  }
  await expectAccessible(page);
  await page.getByRole("link", { name: "Ask for a new link" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
  await context.close();
});

// The per-address sign-in limit counts the address the app's own web server saw (scripts/server.ts):
// the socket's, or, with TRUST_PROXY, the right-most untrusted X-Forwarded-For entry. A client that
// rotates X-Forwarded-For must not get a fresh allowance with every attempt (password spraying).
// Each describe runs an app of its own (small per-address limit, large per-email one) on 127.0.0.1.
import { expect, test, type Page } from "@playwright/test";
import { startAppInstance, type AppInstance } from "./support/app-instance";
import { submitSignIn } from "./fixtures";

const LIMITS = { SIGN_IN_FAILURES_PER_IP: "3", SIGN_IN_FAILURES_PER_EMAIL: "100" };
const INCORRECT = "The email or password is incorrect.";
const TOO_MANY = /Too many failed sign-ins/;
let sprayed = 0;

/** A failed sign-in for a new email, sent with this X-Forwarded-For; the message it got. */
async function spray(page: Page, forwardedFor: string, expected: string | RegExp) {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": forwardedFor });
  await submitSignIn(page, `sprayed-${sprayed++}@limits.example`, "a guessed password");
  await expect(page.getByText(expected)).toBeVisible();
}

// Pages talk to the describe's app (unset while beforeAll starts it).
let app: AppInstance;
test.use({ baseURL: async ({}, use) => use(app?.base) });
test.afterAll(async () => app?.stop());

test.describe("without TRUST_PROXY", () => {
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    app = await startAppInstance(LIMITS);
  });

  test("X-Forwarded-For is ignored: rotating it doesn't escape the per-address limit", async ({ page }) => {
    test.setTimeout(120_000);
    for (let i = 1; i <= 3; i++) await spray(page, `203.0.113.${i}`, INCORRECT);
    await spray(page, "203.0.113.4", TOO_MANY);
    await spray(page, "198.51.100.1, 203.0.113.5", TOO_MANY);
  });
});

test.describe("with TRUST_PROXY=true (loopback and private addresses are proxies)", () => {
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    app = await startAppInstance({ ...LIMITS, TRUST_PROXY: "true" });
  });

  test("the right-most untrusted X-Forwarded-For entry is the client", async ({ page }) => {
    test.setTimeout(120_000);
    // Whatever a client puts to the left of it, and whichever private proxies follow it.
    await spray(page, "1.1.1.1, 198.51.100.7", INCORRECT);
    await spray(page, "8.8.8.8, 198.51.100.7, 10.0.0.5", INCORRECT);
    await spray(page, "198.51.100.7, 192.168.1.2, 10.0.0.5", INCORRECT);
    await spray(page, "9.9.9.9, 198.51.100.7", TOO_MANY);
    // Another client behind the same proxies has an allowance of its own.
    await spray(page, "198.51.100.7, 198.51.100.8", INCORRECT);
  });
});

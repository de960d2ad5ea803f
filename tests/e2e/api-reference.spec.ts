import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";

/** Content-Security-Policy violations the page reports, from the page's load on. */
async function collectCspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`));
  });
  const console: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) console.push(message.text());
  });
  return async () => [...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)), ...console];
}

test("an admin reads the API reference, rendered from the OpenAPI document by the app itself", async ({ page, account, signIn, baseURL }) => {
  // Two axe passes over the renderer's large page: ~45 s on a busy 2-core machine.
  test.setTimeout(120_000);
  const violations = await collectCspViolations(page);
  const elsewhere: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith("http") && url.origin !== new URL(baseURL!).origin) elsewhere.push(request.url());
  });

  await signIn(account.users.ADMIN.email);
  await page.goto("/settings/api-tokens/reference");
  await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
  // The intro comes first (the document's own description, rendered below, says it again).
  await expect(page.getByText("Authorization: Bearer ca_…", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Settings › API tokens" })).toHaveAttribute("href", "/settings/api-tokens");
  await expect(page.getByRole("link", { name: "/api/v1/openapi.json" })).toHaveAttribute("href", "/api/v1/openapi.json");

  // The operations, by the summaries the document gives them. The renderer loads after the page
  // (its code is fetched only here) and parses the document in the browser: a busy machine needs a longer wait.
  const reference = page.getByRole("region", { name: "Operations" });
  await expect(reference.getByRole("heading", { name: "List users" })).toBeVisible({ timeout: 45_000 });
  await expect(reference).toHaveAttribute("aria-busy", "false");
  await expectAccessible(page);

  // By keyboard: the reference's own navigation leads to an operation further down (rendered when reached).
  const addUsers = reference.getByRole("link", { name: /^Add users/ });
  await addUsers.focus();
  await page.keyboard.press("Enter");
  await expect(reference.getByRole("heading", { name: "Add users" })).toBeInViewport();
  await expect(reference.getByRole("region", { name: "Add users" }).getByRole("heading", { name: "Responses" })).toBeVisible();

  // Dark theme: the renderer follows the app's.
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("body")).toHaveClass(/dark-mode/);
  await expectAccessible(page);

  expect(await violations()).toEqual([]);
  expect(elsewhere).toEqual([]);
});

test("a member gets a 404 for the API reference", async ({ page, account, signIn }) => {
  await signIn(account.users.MEMBER.email);
  expect((await page.goto("/settings/api-tokens/reference"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

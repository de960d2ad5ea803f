// The server log of a failed sign-in: an app of its own (its own embedded database), whose output
// the test reads. One JSON line per failure, with the email's domain only; no Auth.js stack trace.
import { expect, test } from "@playwright/test";
import { startAppInstance, type AppInstance } from "./support/app-instance";
import { submitSignIn } from "./fixtures";

let app: AppInstance;
test.use({ baseURL: async ({}, use) => use(app?.base) });
test.beforeAll(async () => {
  test.setTimeout(120_000);
  app = await startAppInstance();
});
test.afterAll(async () => app?.stop());

const failureLines = () => app.output().split("\n").filter((line) => line.includes('"sign_in_failed"'));

test("a wrong password is one structured line in the server log, without the email, the password or a stack trace", async ({ page }) => {
  const before = failureLines().length;
  await submitSignIn(page, "Someone.Private@Log-Check.example", "my wrong secret passphrase");
  await expect(page.locator("form").getByRole("alert")).toHaveText("The email or password is incorrect.");
  await expect.poll(() => failureLines().length).toBe(before + 1);

  const line = failureLines().at(-1)!;
  expect(JSON.parse(line.slice(line.indexOf("{")))).toMatchObject({ event: "sign_in_failed", reason: "password", emailDomain: "log-check.example" });
  const output = app.output();
  expect(output).not.toMatch(/someone\.private/i);
  expect(output).not.toContain("my wrong secret passphrase");
  expect(output).not.toContain("CredentialsSignin");
  expect(output).not.toContain("[auth][error]");
});

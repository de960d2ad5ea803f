import fs from "node:fs";
import { expect, expectAccessible, test } from "./fixtures";

// Form posts over the server actions' body limit (2 MB) never reach Next.js, which would answer
// with a bare error page: the app's server sends the browser back to the form, which says what
// was wrong, and nothing is stored (lib/security/body-limit.ts). Without JavaScript, as the README
// promises forms work; with it, the form checks the size before sending.

const MB = 1024 * 1024;

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  for (const size of [3 * MB, 50 * MB]) {
    test(`a ${size / MB} MB CSV file is refused at the file field, nothing stored`, async ({ page, db, account, signIn }, testInfo) => {
      test.setTimeout(90_000);
      await signIn(account.users.ADMIN.email);
      await page.goto("/people/users/import");
      const file = Buffer.alloc(size, "x");
      file.write("First name,Last name,Email\n");
      const path = testInfo.outputPath("huge.csv");
      fs.writeFileSync(path, file);
      await page.getByLabel("CSV file").setInputFiles(path);
      await page.getByRole("button", { name: "Check the file" }).click();
      await expect(page).toHaveURL(/\/people\/users\/import\?tooLarge=1$/);
      await expect(page.getByLabel("CSV file")).toHaveAccessibleDescription(/larger than the limit of 1 MB/);
      expect(await db.importBatch.count({ where: { accountId: account.id } })).toBe(0);
    });
  }
});

test("a replayed form post of 3 MB to the template editor goes back to it with a message; the template is unchanged", async ({ page, db, account, signIn }) => {
  await signIn(account.users.ADMIN.email);
  const path = "/settings/email-templates/welcome/fr";
  const response = await page.request.post(path, {
    multipart: { subject: "Hello", body: "x".repeat(3 * MB) },
    headers: { origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
  expect(response.headers().location).toBe(`${path}?tooLarge=1`);
  await page.goto(response.headers().location);
  await expect(page.getByRole("alert").filter({ hasText: "larger than 2 MB" })).toHaveText("What you sent is larger than 2 MB, so nothing was saved. Shorten it and try again.");
  await expectAccessible(page);
  expect(await db.emailTemplate.count({ where: { accountId: account.id } })).toBe(0);
});

test("a replayed form post of 3 MB to Add user goes back to it with a message; nobody is added", async ({ page, db, account, signIn }) => {
  await signIn(account.users.ADMIN.email);
  const before = await db.user.count({ where: { accountId: account.id } });
  const path = "/people/users/new?rows=3";
  const response = await page.request.post(path, {
    multipart: { "rows.0.firstName": "x".repeat(3 * MB), "rows.0.lastName": "Big", "rows.0.email": "big-post@e2e.example" },
    headers: { origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
  expect(response.headers().location).toBe(`${path}&tooLarge=1`);
  await page.goto(response.headers().location);
  await expect(page.getByRole("alert").filter({ hasText: "larger than 2 MB" })).toHaveText("What you sent is larger than 2 MB, so nothing was saved. Shorten it and try again.");
  await expectAccessible(page);
  expect(await db.user.count({ where: { accountId: account.id } })).toBe(before);
});

test("with JavaScript the form checks the size before sending; the sent-back page is accessible", async ({ page, account, signIn }) => {
  await signIn(account.users.ADMIN.email);
  await page.goto("/people/users/import?tooLarge=1");
  await expect(page.getByLabel("CSV file")).toHaveAccessibleDescription(/larger than the limit of 1 MB/);
  await expectAccessible(page);
  await page.goto("/people/users/import");
  await page.getByLabel("CSV file").setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: Buffer.alloc(5 * MB, "x") });
  await page.getByRole("button", { name: "Check the file" }).click();
  // Checked before sending, with JavaScript: no request, the same message.
  await expect(page.getByLabel("CSV file")).toHaveAccessibleDescription(/larger than the limit of 1 MB/);
  await expect(page).toHaveURL(/\/people\/users\/import$/);
});

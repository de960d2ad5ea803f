import { expect, expectAccessible, setUserLocale, test } from "./fixtures";

test("switching the language in the account menu renders the app in French and is audited", async ({ page, account, signIn }) => {
  await signIn(account.users.ADMIN.email);
  await page.getByText("Ada Tester").click();
  await page.getByLabel("Language").selectOption("fr");
  await expect(page.getByRole("heading", { name: "Bienvenue, Ada" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expectAccessible(page);

  // The setting is the user's: it survives a new session.
  await page.context().clearCookies();
  await signIn(account.users.ADMIN.email); // no cookie: the sign-in page is in the browser's English
  await page.goto("/settings/audit-log");
  await expect(page.getByRole("heading", { name: "Journal d'audit" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ada Tester a changé sa langue" })).toBeVisible();
  await expectAccessible(page);
});

test("the user's language wins over the browser's", async ({ browser, account, db }) => {
  await setUserLocale(db, account.users.MEMBER.id, "nl");
  const context = await browser.newContext({ locale: "de-DE" });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Anmelden" })).toBeVisible();
  await page.getByLabel("E-Mail-Adresse").fill(account.users.MEMBER.email);
  await page.getByLabel("Passwort").fill("e2e password 123");
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page.getByRole("heading", { name: "Welkom, Milo" })).toBeVisible();
  await context.close();
});

test("the sign-in page's language picker works before signing in", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Language").selectOption("es");
  await expect(page.getByRole("heading", { name: "Iniciar sesión" })).toBeVisible();
  await expect(page.getByLabel("Contraseña")).toBeVisible();
  await expectAccessible(page);
});

import { expect, expectAccessible, test } from "./fixtures";

test("template editing with an error and a fix: an admin customizes the French welcome email, then resets it", async ({ page, db, account, signIn }) => {
  await signIn(account.users.ADMIN.email);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Email templates" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Email templates" })).toBeVisible();
  const french = page.getByRole("table", { name: "Welcome" }).getByRole("row", { name: /Français/ });
  await expect(french).toContainText("Default");
  await expectAccessible(page);

  await french.getByRole("link", { name: "Français" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Welcome · Français" })).toBeVisible();
  const subject = page.getByLabel("Subject");
  const body = page.getByLabel("Body");
  const firstName = page.getByRole("button", { name: /^First name/ });
  const main = page.getByRole("main");
  const preview = page.frameLocator('iframe[title^="Preview of the email"]');
  const text = page.getByRole("region", { name: "Plain-text version" });
  await expect(subject).toHaveValue("{{ inviterName }} vous invite à rejoindre {{ accountName }}");
  await expect(preview.getByText(`Ada Tester vous a donné accès à ${account.name}.`)).toBeVisible();
  await expect(page.locator("iframe")).toHaveAttribute("sandbox", "");
  // The invitation link is a labelled button, its URL a fallback line; the frame has the email's width.
  await expect(preview.getByRole("link", { name: "Accepter l'invitation" })).toBeVisible();
  await expect(preview.getByText("Si le bouton ne fonctionne pas, collez ce lien dans votre navigateur :")).toBeVisible();
  expect((await page.locator("iframe").boundingBox())!.width).toBeGreaterThanOrEqual(600);
  await expect(firstName).toBeEnabled(); // hydrated: the picker works
  await expectAccessible(page);

  // An unknown variable: named under the field as it is typed; the preview waits; Save is refused.
  await body.fill("Bonjour {{ prenom }},\n\nVotre accès est prêt.");
  await expect(body).toHaveAccessibleDescription(/“\{\{ prenom \}\}” isn't a variable of this email\. Insert one from the list\./);
  await expect(page.getByText("The preview comes back once the template has no problems.")).toBeVisible();
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(main.getByRole("alert")).toHaveText("Not saved: fix the problems shown under the subject or the body first.");
  await expect(body).toBeFocused();
  expect(await db.emailTemplate.count({ where: { accountId: account.id } })).toBe(0);
  await expectAccessible(page);

  // The fix, from the picker, at the cursor: in the body, then at the start of the subject.
  await body.fill("Bonjour ");
  await firstName.click();
  await expect(body).toBeFocused();
  await page.keyboard.type(",\n\nVotre accès est prêt.");
  await expect(body).toHaveValue("Bonjour {{ firstName }},\n\nVotre accès est prêt.");
  await expect(body).not.toHaveAttribute("aria-invalid");
  await subject.fill(", votre accès est prêt");
  await subject.press("Home");
  await expect(page.getByText("A variable is inserted at the cursor in the subject.")).toBeVisible();
  await firstName.click();
  await expect(subject).toHaveValue("{{ firstName }}, votre accès est prêt");
  await expect(page.getByText("Subject: Alex, votre accès est prêt")).toBeVisible();
  // The preview's frame is mounted again once the problems are fixed: it is visible, and its
  // document says the new text (visibility inside a just-replaced srcdoc frame lagged once under load).
  await expect(page.locator('iframe[title^="Preview of the email"]')).toBeVisible();
  await expect(preview.locator("body")).toContainText("Bonjour Alex,");
  await expect(text).toContainText("Bonjour Alex,\n\nVotre accès est prêt.");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Save template" }).click();
  await expect(main.getByRole("status")).toHaveText("The template was saved. The next emails use it.");
  await expect(page.getByText(/^Last edited by Ada Tester on /)).toBeVisible();
  await expect(main.getByText("Customized", { exact: true })).toBeVisible();
  expect(await db.emailTemplate.findFirst({ where: { accountId: account.id }, select: { kind: true, locale: true, subject: true, body: true } })).toEqual({
    kind: "welcome", locale: "fr", subject: "{{ firstName }}, votre accès est prêt", body: "Bonjour {{ firstName }},\n\nVotre accès est prêt.",
  });

  await page.getByRole("link", { name: "Back to the email templates" }).click();
  await expect(french).toContainText("Customized");
  await expect(french).toContainText("Ada Tester");
  await expect(page.getByRole("table", { name: "Welcome" }).getByRole("row", { name: /English/ })).toContainText("Default");

  // Reset asks first, then the default is back.
  await french.getByRole("link", { name: "Français" }).click();
  await page.getByRole("link", { name: "Reset to default" }).click();
  await expect(page.getByRole("link", { name: "Cancel" })).toBeFocused();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Reset to default" }).click();
  await expect(main.getByRole("status")).toHaveText("The template was reset to the default.");
  await expect(page.getByText("This account sends the text shipped with Central Admin.")).toBeVisible();
  await expect(subject).toHaveValue("{{ inviterName }} vous invite à rejoindre {{ accountName }}");
  expect(await db.emailTemplate.count({ where: { accountId: account.id } })).toBe(0);
});

test("support staff and members have no email templates, even by URL", async ({ page, account, signIn }) => {
  for (const role of ["SUPPORT_STAFF", "MEMBER"] as const) {
    await signIn(account.users[role].email);
    await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Email templates" })).toHaveCount(0);
    for (const url of ["/settings/email-templates", "/settings/email-templates/welcome/fr"]) {
      expect((await page.goto(url))?.status(), `${role} ${url}`).toBe(404);
    }
    await page.context().clearCookies();
  }
});

test("an unknown kind or language is not found, nor a kind that isn't customizable", async ({ page, account, signIn }) => {
  await signIn(account.users.ACCOUNT_HOLDER.email);
  for (const url of ["/settings/email-templates/passwordChanged/fr", "/settings/email-templates/transferInvitation/fr", "/settings/email-templates/welcome/xx"]) {
    expect((await page.goto(url))?.status(), url).toBe(404);
  }
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("the password reset email is listed and editable like the others", async ({ page, account, signIn }) => {
  await signIn(account.users.ADMIN.email);
  await page.goto("/settings/email-templates");
  await page.getByRole("table", { name: "Password reset" }).getByRole("link", { name: "Deutsch" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Password reset · Deutsch" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Password reset link/ })).toBeVisible();
  await expect(page.getByText("A paragraph that is only {{ resetUrl }} becomes a button.")).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form still saves, refuses a problem at its field, and resets", async ({ page, db, account, signIn }) => {
    await signIn(account.users.ACCOUNT_HOLDER.email);
    await page.goto("/settings/email-templates/productChange/en");
    const subject = page.getByLabel("Subject");
    await subject.fill("{{ productName }} changed");
    await page.getByRole("button", { name: "Save template" }).click();
    await expect(subject).toHaveAccessibleDescription(/Not saved: “\{\{ productName \}\}” isn't a variable of this email\./);
    expect(await db.emailTemplate.count({ where: { accountId: account.id } })).toBe(0);

    await subject.fill("{{ accountName }}: your products changed");
    await page.getByRole("button", { name: "Save template" }).click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText("The template was saved. The next emails use it.");
    await expect(page.getByText(/^Last edited by Hana Tester on /)).toBeVisible();
    await expect(page.getByText(`Subject: ${account.name}: your products changed`)).toBeVisible();

    await page.getByRole("link", { name: "Reset to default" }).click();
    await page.getByRole("button", { name: "Reset to default" }).click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText("The template was reset to the default.");
    await expect(subject).toHaveValue("Your products in {{ accountName }} have changed");
    expect(await db.emailTemplate.count({ where: { accountId: account.id } })).toBe(0);
  });
});

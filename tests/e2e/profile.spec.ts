// My profile: every role edits their own names, language and time zone (the email is text); the
// home page shows each user their own products and Remote Support capabilities.
import { expect, expectAccessible, test } from "./fixtures";

const toasts = (page: import("@playwright/test").Page, name = /^Notifications/) => page.getByRole("region", { name });

test("a member edits their name and time zone; the change is announced, saved and audited; the email is text", async ({ page, db, account, signIn }) => {
  const milo = account.users.MEMBER;
  await signIn(milo.email);
  await page.goto("/profile");
  await expect(page.getByRole("heading", { name: "My profile" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: milo.email })).toBeVisible();
  await expect(page.getByText("Your email can't be changed. If it is wrong, ask an admin of your account.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Email" })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByLabel("First name").fill("Milena");
  await page.getByLabel("Last name").fill("Testerova");
  await page.getByRole("combobox", { name: "Time zone" }).fill("berlin");
  await page.getByRole("option", { name: /^Europe\/Berlin UTC/ }).click();
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(toasts(page)).toHaveAttribute("aria-live", "polite");
  await expect(toasts(page).getByText("Profile saved.")).toBeVisible();
  await expect(page.getByLabel("First name")).toHaveValue("Milena");
  await expect(page.getByRole("combobox", { name: "Time zone" })).toHaveValue(/^Europe\/Berlin UTC/);
  await expectAccessible(page);

  expect(await db.user.findUniqueOrThrow({ where: { id: milo.id } })).toMatchObject({ firstName: "Milena", lastName: "Testerova", timeZone: "Europe/Berlin", email: milo.email });
  const event = await db.auditEvent.findFirstOrThrow({ where: { accountId: account.id, action: "profile.update" } });
  expect(event).toMatchObject({
    actorId: milo.id, targetId: milo.id,
    before: { firstName: "Milo", lastName: "Tester", timeZone: "UTC" },
    after: { firstName: "Milena", lastName: "Testerova", timeZone: "Europe/Berlin" },
  });

  // The account menu carries the new name at once.
  await expect(page.getByRole("banner")).toContainText("Milena Testerova");
});

test("a new language applies at once", async ({ page, db, account, signIn }) => {
  await signIn(account.users.SUPPORT_STAFF.email);
  await page.goto("/profile");
  await page.getByLabel("Language").last().selectOption("de");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("heading", { name: "Mein Profil" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(toasts(page, /^Benachrichtigungen/).getByText("Profil gespeichert.")).toBeVisible();
  expect((await db.user.findUniqueOrThrow({ where: { id: account.users.SUPPORT_STAFF.id } })).locale).toBe("de");
  await expect(toasts(page, /^Benachrichtigungen/).getByText("Profil gespeichert.")).toBeHidden({ timeout: 10_000 });
  await expectAccessible(page);
});

test("a missing first name is reported at the field and nothing changes", async ({ page, db, account, signIn }) => {
  await signIn(account.users.ADMIN.email);
  await page.goto("/profile");
  await page.getByLabel("First name").fill("   ");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByLabel("First name")).toHaveAccessibleDescription("This field is required.");
  expect((await db.user.findUniqueOrThrow({ where: { id: account.users.ADMIN.id } })).firstName).toBe("Ada");
  expect(await db.auditEvent.count({ where: { accountId: account.id, action: "profile.update" } })).toBe(0);
  await expectAccessible(page);
});

test("a member's home shows their products and, with Remote Support, their capabilities", async ({ page, db, account, signIn }) => {
  const milo = account.users.MEMBER;
  await signIn(milo.email);
  const card = page.getByRole("region", { name: "Your products" });
  await expect(card.getByRole("list", { name: "Products assigned to you" }).getByRole("listitem")).toHaveText(["LogMeIn Central"]);
  await expect(card).not.toContainText("Remote control");
  // A member gets their own products, not the account's figures.
  await expect(page.getByRole("heading", { name: "Products", exact: true })).toHaveCount(0);
  await expectAccessible(page);

  const { id: subscriptionId } = await db.subscription.findFirstOrThrow({ where: { accountId: account.id, product: { code: "remote-support" } } });
  await db.licenceAssignment.create({ data: { accountId: account.id, subscriptionId, userId: milo.id } });
  await db.user.update({ where: { id: milo.id }, data: { remoteControl: false } });
  await page.reload();
  await expect(card.getByRole("listitem")).toHaveText(["LogMeIn Central", "Remote Support"]);
  const capabilities = card.getByRole("definition");
  await expect(card.getByRole("term")).toHaveText(["Remote control", "File management", "Unattended access and installers"]);
  await expect(capabilities).toHaveText(["Off", "On", "On"]);
  await expect(card).toContainText("Remote control is off: you can still chat with your customers.");
  await expectAccessible(page);
});

test("an admin's home keeps the account overview, with their own products first", async ({ page, account, signIn }) => {
  await signIn(account.users.ADMIN.email);
  await expect(page.getByRole("region", { name: "Your products" })).toContainText("No product is assigned to you yet.");
  await expect(page.getByRole("table").getByRole("row", { name: /LogMeIn Central/ })).toContainText("1 of 5 used");
  await expectAccessible(page);
});

import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import { createAccount } from "../../lib/seed/accounts";
import { expect, expectAccessible, PASSWORD, submitSignIn, test } from "./fixtures";

const tag = () => crypto.randomBytes(3).toString("hex");

/** The n-th user row of the form (1-based), found by its group's accessible name. */
const row = (page: Page, n: number) => page.getByRole("group", { name: `User ${n}`, exact: true });

async function fillRow(page: Page, n: number, values: { first: string; last?: string; email: string }) {
  await row(page, n).getByLabel("First name").fill(values.first);
  if (values.last) await row(page, n).getByLabel("Last name").fill(values.last);
  await row(page, n).getByLabel("Work email").fill(values.email);
}

test("an admin adds one user from the users list; the user is invited with a welcome email", async ({ page, db, account, signIn }) => {
  await signIn(account.users.ADMIN.email);
  await page.goto("/people/users");
  await page.getByRole("link", { name: "Add user" }).click();
  await expect(page.getByRole("heading", { name: "Add users" })).toBeVisible();
  await expect(row(page, 1).getByLabel("Work email")).toHaveAccessibleDescription("The email address can't be changed after creation.");
  await expectAccessible(page);

  // All errors at once, nothing written.
  await row(page, 1).getByLabel("Work email").fill("not an email");
  await page.getByRole("button", { name: "Add user", exact: true }).click();
  await expect(row(page, 1).getByLabel("First name")).toHaveAccessibleDescription("This field is required.");
  await expect(row(page, 1).getByLabel("Work email")).toHaveAccessibleDescription(/Enter a valid email address/);
  await expect(page.getByRole("alert").first()).toHaveText("Some rows need attention. Nothing was added.");
  // Each error goes as soon as its field is valid, before submitting again.
  await row(page, 1).getByLabel("First name").fill("G");
  await expect(row(page, 1).getByLabel("First name")).toHaveAccessibleDescription("");
  await expect(row(page, 1).getByLabel("Work email")).toHaveAccessibleDescription(/Enter a valid email address/);
  await row(page, 1).getByLabel("Work email").fill("grace@e2e.example");
  await expect(row(page, 1).getByLabel("Work email")).toHaveAccessibleDescription("The email address can't be changed after creation.");
  await expect(page.getByText("Some rows need attention. Nothing was added.")).toHaveCount(0);

  const email = `grace-${tag()}@e2e.example`;
  await fillRow(page, 1, { first: "Grace", last: "Hopper", email });
  await page.getByRole("button", { name: "Add user", exact: true }).click();
  await expect(page.getByRole("heading", { name: "What happened" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("1 user added, 0 transfer invitations, 0 skipped.");
  await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("Added, welcome email queued");
  await expectAccessible(page);

  await page.getByRole("link", { name: "Back to users" }).click();
  await page.getByLabel("Search users").fill("grace hopper");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("row", { name: /Grace Hopper/ })).toContainText("Invited");
  const mail = await db.outboxEmail.findFirstOrThrow({ where: { accountId: account.id, recipient: email } });
  expect(mail.kind).toBe("welcome");
});

test("three rows with a product and settings, the welcome email previewed and customized for this send", async ({ page, db, account, signIn }) => {
  test.setTimeout(120_000); // two axe runs with the email frame open, many steps
  await db.userGroup.create({ data: { accountId: account.id, name: "Field team" } });
  await signIn(account.users.ADMIN.email);
  await page.goto("/people/users/new");
  await page.getByRole("button", { name: "Add another user" }).click();
  await page.getByRole("button", { name: "Add another user" }).click();
  await expect(page.getByRole("button", { name: "Add users", exact: true })).toBeVisible();

  const emails = [0, 1, 2].map((i) => `row${i}-${tag()}@e2e.example`);
  await fillRow(page, 1, { first: "Amélie", last: "Roux", email: emails[0] });
  await fillRow(page, 2, { first: "Bruno", email: emails[1] });
  await fillRow(page, 3, { first: "Chiara", email: emails[2] });
  await page.getByRole("checkbox", { name: /Remote Support/ }).check();
  const settings = page.getByRole("group", { name: "Additional settings" });
  await settings.getByLabel("Language").selectOption("fr");
  // The time zone: one searchable combobox; typing suggests zones with their offset, Escape leaves it as it was.
  const zone = settings.getByRole("combobox", { name: "Time zone" });
  const suggestions = settings.getByRole("listbox", { name: "Suggestions" });
  await zone.fill("copenh");
  await expect(zone).toHaveAttribute("aria-expanded", "true");
  await expect(suggestions.getByRole("option")).toHaveText([/^Europe\/Copenhagen UTC\+0[12]:00$/]);
  await zone.press("Escape");
  await expect(suggestions).toBeHidden();
  await zone.fill("paris");
  await zone.press("ArrowDown");
  await expect(suggestions.getByRole("option", { selected: true })).toHaveText(/^Europe\/Paris UTC/);
  await zone.press("Enter"); // picks the zone, doesn't submit the form
  await expect(zone).toHaveValue(/^Europe\/Paris UTC\+0[12]:00$/);
  await expect(suggestions).toBeHidden();
  await settings.getByLabel("User group").selectOption({ label: "Field team" });
  await settings.getByLabel("Account role").selectOption("SUPPORT_STAFF");
  await expectAccessible(page);

  // Preview: the account's French welcome email, for the first row.
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview).toContainText("vous invite à rejoindre");
  const frame = page.frameLocator('iframe[title="Welcome email preview"]');
  await expect(frame.locator("body")).toContainText("Amélie");
  // Scrolled into view, at the email's natural width; its button is labelled, the link under it.
  await expect(page.getByTitle("Welcome email preview")).toBeInViewport({ ratio: 0.5 });
  expect((await page.getByTitle("Welcome email preview").boundingBox())!.width).toBeGreaterThanOrEqual(600);
  await expect(frame.getByRole("link", { name: "Accepter l'invitation" })).toHaveAttribute("href", "https://example.invalid/invitations/preview");
  await expect(frame.locator("body")).toContainText("Si le bouton ne fonctionne pas, collez ce lien dans votre navigateur :");

  // Customize for this send: a wrong variable is flagged before sending, then replaced from the picker.
  await page.getByRole("button", { name: "Customize" }).click();
  const subject = page.getByLabel("Subject", { exact: true });
  await expect(subject).toBeInViewport();
  await subject.fill("Bienvenue chez nous, {{ prenom }}");
  await expect(subject).toHaveAccessibleDescription(/“\{\{ prenom \}\}” isn't a variable of this email/);
  await subject.fill("Bienvenue chez nous, ");
  await subject.press("End");
  await page.getByRole("button", { name: /^First name/ }).click();
  await expect(subject).toHaveValue("Bienvenue chez nous, {{ firstName }}");
  await expect(page.getByTitle("Preview of the email: Bienvenue chez nous, Amélie")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Add users", exact: true }).click();

  await expect(page.getByRole("status")).toHaveText("3 users added, 0 transfer invitations, 0 skipped.");
  const users = await db.user.findMany({ where: { email: { in: emails } }, include: { group: true, assignments: true }, orderBy: { email: "asc" } });
  expect(users.map((u) => [u.locale, u.timeZone, u.group?.name, u.role, u.assignments.length])).toEqual(Array(3).fill(["fr", "Europe/Paris", "Field team", "SUPPORT_STAFF", 1]));
  const subjects = (await db.outboxEmail.findMany({ where: { recipient: { in: emails } } })).map((m) => m.subject).sort();
  expect(subjects).toEqual(["Bienvenue chez nous, Amélie", "Bienvenue chez nous, Bruno", "Bienvenue chez nous, Chiara"]);
});

test("an address of another account gets a transfer invitation; one already here and a repeat are skipped", async ({ page, db, account, signIn }) => {
  const t = tag();
  const { users: [elsewhere] } = await createAccount(db, {
    name: `Elsewhere ${t}`, password: PASSWORD, users: [{ email: `mover-${t}@e2e.example`, firstName: "Mover", role: "ACCOUNT_HOLDER" }, { email: `keeper-${t}@e2e.example`, firstName: "Keeper", role: "ACCOUNT_HOLDER" }],
  });
  await signIn(account.users.ADMIN.email);
  await page.goto("/people/users/new?rows=3");
  await fillRow(page, 1, { first: "Mover", email: elsewhere.email });
  await fillRow(page, 2, { first: "Milo", email: account.users.MEMBER.email });
  await fillRow(page, 3, { first: "Mover again", email: elsewhere.email.toUpperCase() });
  await page.getByRole("button", { name: "Add users", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("0 users added, 1 transfer invitation, 2 skipped.");
  const outcomes = page.getByRole("table").getByRole("row");
  await expect(outcomes.nth(1)).toContainText("In another account: transfer invitation queued");
  await expect(outcomes.nth(2)).toContainText("Already in this account: skipped");
  await expect(outcomes.nth(3)).toContainText("Same email as row 1: skipped");
  const mail = await db.outboxEmail.findFirstOrThrow({ where: { accountId: account.id, recipient: elsewhere.email } });
  expect(mail.kind).toBe("transferInvitation");
  expect((await db.user.findUniqueOrThrow({ where: { id: elsewhere.id } })).accountId).not.toBe(account.id);

  // Until they answer, the invitation is listed above the users (who are only this account's), its
  // dates in the viewer's time zone.
  await db.user.update({ where: { id: account.users.ADMIN.id }, data: { timeZone: "Pacific/Kiritimati" } });
  const invitation = await db.invitation.findFirstOrThrow({ where: { accountId: account.id, userId: elsewhere.id } });
  const expires = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "Pacific/Kiritimati" }).format(invitation.expiresAt);
  await page.goto("/people/users");
  await page.getByText("1 transfer invitation pending").click();
  await expect(page.getByRole("table", { name: "Pending transfer invitations" })).toContainText(elsewhere.email);
  await expect(page.getByRole("table", { name: "Pending transfer invitations" })).toContainText("Ada Tester");
  await expect(page.getByRole("table", { name: "Pending transfer invitations" })).toContainText(expires);
  await expectAccessible(page);
});

test("without JavaScript: rows come from the link, and the form submits", async ({ browser, account }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await submitSignIn(page, account.users.ADMIN.email);
  await page.goto("/people/users/new");
  await page.getByRole("button", { name: "Add another user" }).click();
  await expect(page).toHaveURL(/rows=2/);
  const emails = [`nojs1-${tag()}@e2e.example`, `nojs2-${tag()}@e2e.example`];
  await fillRow(page, 1, { first: "No", email: emails[0] });
  await fillRow(page, 2, { first: "Script", email: emails[1] });
  await page.getByRole("button", { name: "Add users", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("2 users added, 0 transfer invitations, 0 skipped.");
  await context.close();
});

test("members and support staff can't open Add user", async ({ page, account, signIn }) => {
  await signIn(account.users.SUPPORT_STAFF.email);
  await page.goto("/people/users");
  await expect(page.getByRole("link", { name: "Add user" })).toHaveCount(0);
  const response = await page.goto("/people/users/new");
  expect(response?.status()).toBe(404);
});

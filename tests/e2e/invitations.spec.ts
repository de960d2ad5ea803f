import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import type { InvitationKind } from "../../lib/generated/prisma/enums";
import { issueInvitations } from "../../lib/invitations/issue";
import { withLinkToken } from "../../lib/invitations/tokens";
import { createAccount } from "../../lib/seed/accounts";
import { userKeys } from "../../lib/users/search-key";
import { expect, expectAccessible, PASSWORD, test } from "./fixtures";

type Account = { id: string; name: string; users: Record<"ADMIN", { id: string }> };

async function invitedUser(db: PrismaClient, accountId: string, firstName = "Noor") {
  const email = `${firstName.toLowerCase()}-${crypto.randomBytes(4).toString("hex")}@e2e.example`;
  return db.user.create({ data: { accountId, email, firstName, lastName: "", ...userKeys({ firstName, lastName: "", email }), status: "INVITED" } });
}

/** Invites the user as the account's admin (Ada Tester) and returns the link's path, as delivery would put it in the email. */
async function invite(db: PrismaClient, account: Account, userId: string, kind: InvitationKind = "WELCOME", productCodes: string[] = []) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  await db.$transaction((tx) =>
    issueInvitations(tx, account.id, { id: account.users.ADMIN.id, firstName: "Ada", lastName: "Tester", accountName: account.name }, [{ user, kind, productCodes }]),
  );
  return latestLink(db, user.email);
}

/**
 * The link the recipient gets. The stored email (what Settings > Outbox shows) holds a placeholder;
 * the token waits beside it for delivery (nothing is delivered here: no SMTP server), so it is read there.
 */
async function latestLink(db: PrismaClient, recipient: string) {
  const email = await db.outboxEmail.findFirstOrThrow({ where: { recipient }, orderBy: { createdAt: "desc" } });
  const url = withLinkToken(email.text.match(/\S+\/invitations\/\S+/)![0], email.linkToken!);
  return { url, path: new URL(url).pathname };
}

/** Lets the resend interval pass for this user. */
const backdate = (db: PrismaClient, userId: string) =>
  db.invitation.updateMany({ where: { userId }, data: { createdAt: new Date(Date.now() - 10 * 60_000) } });

const fillPasswords = async (page: Page, password: string, confirm = password) => {
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Confirm password").fill(confirm);
};

test("an invited user opens the emailed link, sets a password and lands signed in", async ({ page, db, account }) => {
  const user = await invitedUser(db, account.id);
  const { path } = await invite(db, account, user.id);

  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: `Join ${account.name}` })).toBeVisible();
  await expect(page.getByText(`Ada Tester invited you to join ${account.name}.`)).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(user.email);
  await expectAccessible(page);
  // Opening the link (as a mail scanner would) consumed nothing.
  expect(await db.invitation.count({ where: { userId: user.id, acceptedAt: null } })).toBe(1);

  await page.getByLabel("Last name").fill("<b>Haddad</b>");
  await fillPasswords(page, "too short", "too short");
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(page.getByLabel("Password", { exact: true })).toHaveAccessibleDescription(/Use at least 12 characters\./);
  await expect(page.getByLabel("Last name")).toHaveValue("<b>Haddad</b>");
  await expectAccessible(page);

  await fillPasswords(page, "my new e2e passphrase");
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("heading", { level: 1, name: "Welcome, Noor" })).toBeVisible();
  await expect(page.locator("summary")).toContainText("Noor <b>Haddad</b>"); // markup shown as text
  expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ status: "ACTIVE", lastName: "<b>Haddad</b>" });

  // The link is spent: it now says so and points to sign-in.
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "This invitation was already accepted" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("the invitation page speaks the invitee's language, unless the visitor picked one", async ({ page, db, account }) => {
  const user = await invitedUser(db, account.id, "Jonas");
  await db.user.update({ where: { id: user.id }, data: { locale: "de" } });
  const { path } = await invite(db, account, user.id);

  // An English browser, no language picked: the German invitee's page is in German, its answers too.
  await page.setExtraHTTPHeaders({ "accept-language": "en-US,en;q=0.9" });
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: `${account.name} beitreten` })).toBeVisible();
  await expect(page.getByRole("main")).toHaveAttribute("lang", "de");
  await expect(page).toHaveTitle(/^Einladung/);
  await page.getByLabel("Passwort", { exact: true }).fill("zu kurz");
  await page.getByLabel("Passwort bestätigen").fill("zu kurz");
  await page.getByRole("button", { name: "Einladung annehmen" }).click();
  await expect(page.getByLabel("Passwort", { exact: true })).toHaveAccessibleDescription(/Verwenden Sie mindestens 12 Zeichen\./);
  await expectAccessible(page);

  // The visitor's own choice wins, and stays.
  await page.getByLabel("Sprache").selectOption("en");
  await expect(page.getByRole("heading", { level: 1, name: `Join ${account.name}` })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: `Join ${account.name}` })).toBeVisible();
  await expect(page.getByRole("main")).toHaveAttribute("lang", "en");
});

test("expired, replaced and unknown links say what to do", async ({ page, db, account }) => {
  const user = await invitedUser(db, account.id);
  const first = await invite(db, account, user.id);
  const second = await invite(db, account, user.id);

  await page.goto(first.path);
  await expect(page.getByRole("heading", { level: 1, name: "This link was replaced" })).toBeVisible();
  await expect(page.getByText("Use the link in the most recent email")).toBeVisible();
  await expectAccessible(page);

  await db.invitation.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
  await page.goto(second.path);
  await expect(page.getByRole("heading", { level: 1, name: "This invitation has expired" })).toBeVisible();
  await expect(page.getByText("Ask an admin of the account that invited you to resend it.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);
  await expectAccessible(page);

  await page.goto("/invitations/not-a-real-token");
  await expect(page.getByRole("heading", { level: 1, name: "This invitation link isn't valid" })).toBeVisible();
  await expectAccessible(page);
});

/** A second account whose member holds LogMeIn Central there. */
async function otherAccount(db: PrismaClient) {
  const tag = crypto.randomBytes(4).toString("hex");
  const { account, users } = await createAccount(db, {
    name: `Elsewhere ${tag}`,
    password: PASSWORD,
    seats: { central: 2 },
    users: [
      { email: `owner-${tag}@e2e.example`, firstName: "Olga", lastName: "Owner", role: "ACCOUNT_HOLDER" },
      { email: `tomas-${tag}@e2e.example`, firstName: "Tomas", lastName: "Mover", products: ["central"] },
    ],
  });
  return { account, mover: users[1] };
}

test("a user of another account opens the transfer link, signs in as themselves from it, and accepts; their other session ends", async ({ page, browser, db, account, signIn }) => {
  const { account: elsewhere, mover } = await otherAccount(db);
  const { path } = await invite(db, account, mover.id, "TRANSFER", ["remote-support"]);
  await signIn(mover.email); // their session in the old account, in the first browser

  const second = await browser.newContext();
  const invitee = await second.newPage();
  await invitee.goto(path);
  // Signed out, the page tells who invites where, and nothing about the person it was sent to.
  await expect(invitee.getByRole("heading", { level: 1, name: `Move to ${account.name}` })).toBeVisible();
  await expect(invitee.getByText(`Ada Tester invited you to join ${account.name}.`)).toBeVisible();
  for (const secret of [elsewhere.name, mover.email, "LogMeIn Central"]) await expect(invitee.locator("main")).not.toContainText(secret);
  await expect(invitee.getByRole("textbox")).toHaveCount(0);
  await expect(invitee.locator('input[type="password"]')).toHaveCount(0);
  await expectAccessible(invitee);

  await invitee.getByRole("link", { name: "Sign in to answer" }).click();
  await invitee.getByLabel("Email").fill(mover.email);
  await invitee.getByLabel("Password").fill(PASSWORD);
  await invitee.getByRole("button", { name: "Sign in" }).click();
  await expect(invitee).toHaveURL(path);
  await expect(invitee.getByText(`Ada Tester invited you to move your user from ${elsewhere.name} to ${account.name}.`)).toBeVisible();
  const effects = invitee.getByRole("region", { name: "What happens when you accept" });
  await expect(effects).toContainText(`You leave ${elsewhere.name}. The licences you hold there are released: LogMeIn Central.`);
  await expect(effects).toContainText(`You join ${account.name} as Member. You get Remote Support where seats are free.`);
  await expect(invitee.locator('input[type="password"]')).toHaveCount(0);
  await expectAccessible(invitee);

  await invitee.getByRole("button", { name: "Accept and move" }).click();
  await expect(invitee).toHaveURL("/");
  await expect(invitee.getByText(`${account.name} · your role: Member`)).toBeVisible();
  await second.close();

  expect(await db.user.findUniqueOrThrow({ where: { id: mover.id } })).toMatchObject({ accountId: account.id, status: "ACTIVE" });
  expect((await db.subscription.findFirstOrThrow({ where: { accountId: elsewhere.id } })).seatsUsed).toBe(0);
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("someone else signed in (another account's admin) sees nothing of the invitee and can't answer", async ({ page, db, account, signIn }) => {
  const { account: elsewhere, mover } = await otherAccount(db);
  const { path } = await invite(db, account, mover.id, "TRANSFER");
  await signIn((await db.user.findUniqueOrThrow({ where: { id: account.users.ADMIN.id } })).email);
  await page.goto(path);
  await expect(page.getByText("This invitation was sent to someone else. Sign out, then sign in as the person it was sent to.")).toBeVisible();
  for (const secret of [elsewhere.name, mover.email]) await expect(page.locator("main")).not.toContainText(secret);
  await expect(page.getByRole("button", { name: "Accept and move" })).toHaveCount(0);
  await expectAccessible(page);
  expect(await db.user.findUniqueOrThrow({ where: { id: mover.id } })).toMatchObject({ accountId: elsewhere.id });
});

test("declining a transfer changes nothing and says so", async ({ page, db, account, signIn }) => {
  const { account: elsewhere, mover } = await otherAccount(db);
  const { path } = await invite(db, account, mover.id, "TRANSFER");
  await signIn(mover.email);
  await page.goto(path);
  await expect(page.getByText(`Declining changes nothing: you stay in ${elsewhere.name}.`)).toBeVisible();
  await page.getByRole("button", { name: "Decline" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "This invitation was declined" })).toBeVisible();
  await expect(page.getByText(`You are still in ${elsewhere.name}.`)).toBeVisible();
  await expectAccessible(page);
  expect(await db.user.findUniqueOrThrow({ where: { id: mover.id } })).toMatchObject({ accountId: elsewhere.id, sessionVersion: 0 });
  expect((await db.subscription.findFirstOrThrow({ where: { accountId: elsewhere.id } })).seatsUsed).toBe(1);
});

test("support staff resend from the user page; a second try is throttled", async ({ page, db, account, signIn, baseURL }) => {
  const user = await invitedUser(db, account.id);
  const first = await invite(db, account, user.id);
  await backdate(db, user.id);

  await signIn(account.users.SUPPORT_STAFF.email);
  await page.goto(`/people/users/${user.id}`);
  await page.getByRole("button", { name: "Resend invitation" }).click();
  await expect(page.getByRole("status")).toHaveText("A new invitation was sent. The previous link no longer works.");
  await expectAccessible(page);
  const fresh = await latestLink(db, user.email);
  expect(fresh.url).toBe(`${baseURL}${fresh.path}`); // the server's links point at itself
  expect(fresh.path).not.toBe(first.path);

  await page.getByRole("button", { name: "Resend invitation" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "This user got" })).toHaveText("This user got an invitation less than 5 minutes ago. Try again in 5 minutes.");
  await expectAccessible(page);
});

test("support staff resend from the users list in bulk; a second try is throttled", async ({ page, db, account, signIn }) => {
  const user = await invitedUser(db, account.id, "Zed");
  await invite(db, account, user.id);
  await backdate(db, user.id);

  await signIn(account.users.SUPPORT_STAFF.email);
  await page.goto("/people/users?status=INVITED");
  const resend = async () => {
    await page.getByRole("checkbox", { name: "Select Zed" }).check();
    await page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: "Resend invitation" }).click();
    const dialog = page.getByRole("dialog", { name: "Resend invitation" });
    await expect(dialog).toContainText("Send a new invitation link to the invited users among 1 selected user?");
    await dialog.getByRole("button", { name: "Resend to 1 user" }).click();
    return dialog;
  };
  await resend();
  await expect(page.getByRole("status")).toHaveText("Invitation resent to 1 user.");
  expect(await db.invitation.count({ where: { userId: user.id, resent: true } })).toBe(1);

  const dialog = await resend();
  await expect(dialog.getByRole("alert")).toHaveText(
    "The selected users who are waiting for an invitation got one less than 5 minutes ago. Nothing was sent: try again in 5 minutes.",
  );
  await expectAccessible(page);
  expect(await db.invitation.count({ where: { userId: user.id, resent: true } })).toBe(1);
});

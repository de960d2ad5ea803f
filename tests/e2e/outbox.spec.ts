import crypto from "node:crypto";
import { issueInvitations } from "../../lib/invitations/issue";
import { queueEmail } from "../../lib/mail/outbox";
import { userKeys } from "../../lib/users/search-key";
import { expect, expectAccessible, test } from "./fixtures";

test("an admin reads a captured email in the outbox and previews it", async ({ page, db, account, signIn }) => {
  const recipient = `newcomer-${account.id.slice(0, 8)}@e2e.example`;
  await db.$transaction((tx) =>
    queueEmail(tx, account.id, {
      to: { email: recipient, locale: "en", timeZone: "Europe/Amsterdam" },
      kind: "welcome",
      variables: {
        firstName: "Noor <b>bold</b>",
        accountName: account.name,
        inviterName: "Ada Tester",
        invitationUrl: "https://admin.example/invitations/abc",
        expiresAt: new Date("2026-12-01T09:00:00Z"),
      },
    }),
  );
  const subject = `Ada Tester invited you to ${account.name}`;

  await signIn(account.users.ADMIN.email);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Outbox" }).click();
  await expect(page.getByRole("heading", { name: "Outbox" })).toBeVisible();
  await expect(page.getByText("No SMTP server is configured")).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(recipient) });
  await expect(row).toContainText(subject);
  // The in-process worker captures it shortly after it was queued.
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("Captured (not sent)", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expectAccessible(page);

  await row.getByRole("link", { name: subject }).click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  const preview = page.frameLocator(`iframe[title="Rendered email: ${subject}"]`);
  await expect(preview.getByText("Hello Noor <b>bold</b>,")).toBeVisible(); // escaped, shown as text
  await expect(preview.getByRole("link", { name: "https://admin.example/invitations/abc" }).first()).toBeVisible();
  await expect(page.locator("iframe").first()).toHaveAttribute("sandbox", "");
  await expect(page.getByRole("region", { name: "Plain-text version" })).toContainText("https://admin.example/invitations/abc");
  await expect(page.getByRole("button", { name: "Send again" })).toHaveCount(0);
  await expectAccessible(page);

  // The email itself, outside the sandbox, meets the same accessibility bar.
  const { html } = await db.outboxEmail.findFirstOrThrow({ where: { accountId: account.id, recipient } });
  await page.setContent(html);
  await expectAccessible(page);
});

test("an admin sends a failed email again", async ({ page, db, account, signIn }) => {
  const id = await db.$transaction((tx) =>
    queueEmail(tx, account.id, {
      to: { email: `failed-${account.id.slice(0, 8)}@e2e.example`, locale: "fr", timeZone: "Europe/Paris" },
      kind: "productChange",
      variables: { firstName: "Léa", accountName: account.name, inviterName: "Ada", productNames: ["Remote Support"] },
    }),
  );
  await expect.poll(async () => (await db.outboxEmail.findUniqueOrThrow({ where: { id } })).status).toBe("CAPTURED");
  await db.outboxEmail.update({ where: { id }, data: { status: "FAILED", lastError: "EENVELOPE: 550 No such mailbox" } });

  await signIn(account.users.ACCOUNT_HOLDER.email);
  await page.goto("/settings/outbox?status=FAILED");
  await expect(page.getByLabel("Status")).toHaveValue("FAILED");
  await page.getByRole("link", { name: /Vos produits/ }).click();
  await expect(page.getByText("EENVELOPE: 550 No such mailbox")).toBeVisible();
  await page.getByRole("button", { name: "Send again" }).click();
  await expect(page.getByRole("status")).toHaveText("The email is queued again.");
  await expect.poll(async () => (await db.outboxEmail.findUniqueOrThrow({ where: { id } })).status, { timeout: 15_000 }).toBe("CAPTURED");
});

test("support staff and members have no outbox, even by URL", async ({ page, db, account, signIn }) => {
  const id = await db.$transaction((tx) =>
    queueEmail(tx, account.id, {
      to: { email: "x@e2e.example", locale: "en", timeZone: "UTC" },
      kind: "productChange",
      variables: { firstName: "X", accountName: account.name, inviterName: "Ada", productNames: ["Remote Support"] },
    }),
  );
  await signIn(account.users.SUPPORT_STAFF.email);
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Outbox" })).toHaveCount(0);
  for (const url of ["/settings/outbox", `/settings/outbox/${id}`]) {
    expect((await page.goto(url))?.status()).toBe(404);
  }
});

test("an email of another account is not found", async ({ page, db, account, signIn }) => {
  const other = await db.account.create({ data: { name: "Someone else" } });
  const id = await db.$transaction((tx) =>
    queueEmail(tx, other.id, {
      to: { email: "y@e2e.example", locale: "en", timeZone: "UTC" },
      kind: "productChange",
      variables: { firstName: "Y", accountName: other.name, inviterName: "Bo", productNames: ["Remote Support"] },
    }),
  );
  await signIn(account.users.ADMIN.email);
  expect((await page.goto(`/settings/outbox/${id}`))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("an invitation in the outbox shows no usable link, to the admin who sent it or anyone", async ({ page, db, account, signIn }) => {
  // A user of another account, invited to move here: the review's takeover began by reading this link.
  const other = await db.account.create({ data: { name: `Elsewhere ${crypto.randomBytes(3).toString("hex")}` } });
  const email = `mover-${crypto.randomBytes(4).toString("hex")}@e2e.example`;
  const mover = await db.user.create({ data: { accountId: other.id, email, firstName: "Mover", lastName: "", ...userKeys({ firstName: "Mover", lastName: "", email }), status: "INVITED" } });
  const [issued] = await db.$transaction((tx) =>
    issueInvitations(tx, account.id, { id: account.users.ADMIN.id, firstName: "Ada", lastName: "Tester", accountName: account.name }, [{ user: mover, kind: "TRANSFER" }]),
  );
  const token = issued.url.split("/invitations/")[1];

  await signIn(account.users.ADMIN.email);
  await page.goto("/settings/outbox");
  await page.getByRole("row", { name: new RegExp(email) }).getByRole("link").first().click();
  await expect(page.getByText("Invitation links are sent only to their recipient")).toBeVisible();
  const preview = page.frameLocator("iframe").first();
  await expect(preview.getByRole("link", { name: /link-sent-only-to-the-recipient/ }).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Plain-text version" })).toContainText("/invitations/link-sent-only-to-the-recipient");
  expect(await page.content()).not.toContain(token);
  await expectAccessible(page);
});

// The whole invitation path through a real SMTP server: this file runs its own app instance (its
// own embedded database, SMTP_URL pointing at a smtp-server on 127.0.0.1), so the shared app of
// the other specs keeps capturing mail.
import crypto from "node:crypto";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { createAccount } from "../../lib/seed/accounts";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";
import { expect, expectAccessible, PASSWORD, test } from "./fixtures";
import { signInOn, startAppInstance, type AppInstance } from "./support/app-instance";

let smtp: TestSmtpServer;
let app: AppInstance;
let db: PrismaClient;
let base: string;

test.describe.configure({ mode: "serial", timeout: 120_000 });

test.beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startAppInstance({ SMTP_URL: smtp.url });
  ({ db, base } = app);
});

test.afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

test("a welcome email arrives by SMTP in the invitee's language, from the account's template, and its link accepts the invitation", async ({ browser }) => {
  const tag = crypto.randomBytes(3).toString("hex");
  const { account, users: [admin] } = await createAccount(db, {
    name: `Mail ${tag}`, password: PASSWORD, seats: { "remote-support": 5 },
    users: [{ email: `admin-${tag}@mail.example`, firstName: "Ada", lastName: "Admin", role: "ADMIN" }],
  });
  await db.emailTemplate.create({
    data: { accountId: account.id, kind: "welcome", locale: "fr", subject: "Bienvenue chez {{ accountName }}, {{ firstName }}", body: "Bonjour {{ firstName }} ! Votre lien :\n\n{{ invitationUrl }}", updatedById: admin.id },
  });

  const adminContext = await browser.newContext({ baseURL: base });
  const page = await adminContext.newPage();
  await signInOn(page, admin.email);
  await page.goto("/people/users/new");
  const email = `lea-${tag}@mail.example`;
  const row = page.getByRole("group", { name: "User 1", exact: true });
  await row.getByLabel("First name").fill("Léa");
  await row.getByLabel("Work email").fill(email);
  await page.getByRole("group", { name: "Additional settings" }).getByLabel("Language").selectOption("fr");
  await page.getByRole("button", { name: "Add user", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("1 user added, 0 transfer invitations, 0 skipped.");
  await adminContext.close();

  // Delivered over SMTP by the app's worker.
  await smtp.waitFor(1, 30_000);
  const [mail] = smtp.received;
  expect(mail.parsed.to).toMatchObject({ text: email });
  expect(mail.parsed.subject).toBe(`Bienvenue chez ${account.name}, Léa`);
  expect(mail.parsed.html).toContain('lang="fr"');
  const link = /(http:\/\/127\.0\.0\.1:\d+\/invitations\/[A-Za-z0-9_-]{43})/.exec(mail.parsed.text ?? "")?.[1];
  expect(link).toBeDefined();
  // The token went out in the message only: the stored email keeps the placeholder, and the token is erased once sent.
  const stored = await db.outboxEmail.findFirstOrThrow({ where: { recipient: email } });
  expect(stored).toMatchObject({ status: "SENT", linkToken: null });
  expect(stored.text).not.toContain(link!.split("/invitations/")[1]);
  expect(stored.html).not.toContain(link!.split("/invitations/")[1]);
  expect(stored.html).toContain("/invitations/link-sent-only-to-the-recipient");

  // The invitee, in a browser of their own. The email's button is labelled in their language and
  // leads to the link; the link itself is the fallback line under it.
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.setContent(String(mail.parsed.html));
  const button = invitee.getByRole("link", { name: "Accepter l'invitation" });
  await expect(button).toHaveAttribute("href", link!);
  await expect(button).not.toHaveText(link!);
  await expect(invitee.getByText("Si le bouton ne fonctionne pas, collez ce lien dans votre navigateur :")).toBeVisible();
  await expect(invitee.getByRole("link", { name: link!, exact: true })).toHaveAttribute("href", link!);
  await invitee.goto(link!);
  // The invitation page speaks the invitee's stored language (French) on a browser that picked none.
  await expect(invitee.getByText(`Ada Admin vous invite à rejoindre ${account.name}.`)).toBeVisible();
  await expectAccessible(invitee);
  await invitee.getByLabel("Mot de passe", { exact: true }).fill("a brand new password");
  await invitee.getByLabel("Confirmez le mot de passe").fill("a brand new password");
  await invitee.getByRole("button", { name: "Accepter l'invitation" }).click();
  await expect(invitee).toHaveURL(`${base}/`);
  await expect((await db.user.findUniqueOrThrow({ where: { email } })).status).toBe("ACTIVE");
  await inviteeContext.close();
});

// The whole invitation path through a real SMTP server: this file runs its own app instance (its
// own embedded database, SMTP_URL pointing at a smtp-server on 127.0.0.1), so the shared app of
// the other specs keeps capturing mail.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { createAccount } from "../../lib/seed/accounts";
import { freePort } from "../../scripts/free-port";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";
import { expect, expectAccessible, PASSWORD, test } from "./fixtures";

let smtp: TestSmtpServer;
let app: ChildProcess;
let db: PrismaClient;
let base: string;
let dataDir: string;

test.describe.configure({ mode: "serial", timeout: 120_000 });

test.beforeAll(async () => {
  smtp = await startSmtpServer();
  const [port, dbPort] = [await freePort(), await freePort()];
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "central-admin-mail-e2e-"));
  base = `http://127.0.0.1:${port}`;
  const { DATABASE_URL: _shared, ...env } = process.env;
  app = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    env: { ...env, PORT: String(port), DATA_DIR: dataDir, EMBEDDED_DB_PORT: String(dbPort), SMTP_URL: smtp.url, QUEUE_POLL_SECONDS: "0.5" },
    stdio: "ignore",
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (app.exitCode !== null) throw new Error(`the mail app exited (${app.exitCode})`);
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error("the mail app didn't start");
    await new Promise((r) => setTimeout(r, 200));
  }
  db = new PrismaClient({ adapter: new PrismaPg({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${dbPort}/postgres?sslmode=disable`, max: 2 }) });
});

test.afterAll(async () => {
  await db?.$disconnect();
  app?.kill("SIGTERM");
  await new Promise((r) => (app?.exitCode !== null ? r(null) : app.once("exit", r)));
  await smtp?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("a welcome email arrives by SMTP in the invitee's language, from the account's template, and its link accepts the invitation", async ({ browser }) => {
  const tag = crypto.randomBytes(3).toString("hex");
  const { account, users: [admin] } = await createAccount(db, {
    name: `Mail ${tag}`, password: PASSWORD, seats: { "remote-support": 5 },
    users: [{ email: `admin-${tag}@mail.example`, firstName: "Ada", lastName: "Admin", role: "ADMIN" }],
  });
  await db.emailTemplate.create({
    data: { accountId: account.id, kind: "welcome", locale: "fr", subject: "Bienvenue chez {{ accountName }}, {{ firstName }}", body: "Bonjour {{ firstName }} ! Votre lien : {{ invitationUrl }}", updatedById: admin.id },
  });

  const adminContext = await browser.newContext({ baseURL: base });
  const page = await adminContext.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${base}/`);
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
  expect((await db.outboxEmail.findFirstOrThrow({ where: { recipient: email } })).status).toBe("SENT");

  // The invitee, in a browser of their own.
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(link!);
  await expect(invitee.getByText(`Ada Admin invited you to join ${account.name}.`)).toBeVisible();
  await expectAccessible(invitee);
  await invitee.getByLabel("Password", { exact: true }).fill("a brand new password");
  await invitee.getByLabel("Confirm password").fill("a brand new password");
  await invitee.getByRole("button", { name: "Accept invitation" }).click();
  await expect(invitee).toHaveURL(`${base}/`);
  await expect((await db.user.findUniqueOrThrow({ where: { email } })).status).toBe("ACTIVE");
  await inviteeContext.close();
});

import type { ChildProcess } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestAccount } from "../support/accounts";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";
import { stopProcess } from "../support/script-process";
import { startWorkerProcess } from "../support/worker-process";
import { freePort } from "../../scripts/free-port";
import { getDb } from "@/lib/db/client";
import { queueEmail, queueEmails } from "@/lib/mail/outbox";
import { startWorkers, type Workers } from "@/lib/queue/workers";

process.env.QUEUE_POLL_SECONDS = "0.5";
process.env.MAIL_RETRY_DELAY_SECONDS = "1";

let acme: Awaited<ReturnType<typeof createTestAccount>>;
let smtp: TestSmtpServer | undefined;
let workers: Workers[] = [];
let processes: ChildProcess[] = [];

beforeEach(async () => {
  // This file owns its database: start each test with no mail or job left by the one before.
  await getDb().$executeRaw`DELETE FROM pgboss.job`;
  await getDb().outboxEmail.deleteMany();
  acme = await createTestAccount("Acme");
});

afterEach(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  workers = [];
  await Promise.all(processes.map((p) => stopProcess(p)));
  processes = [];
  await smtp?.stop();
  smtp = undefined;
  delete process.env.SMTP_URL;
});

async function work(smtpUrl?: string) {
  if (smtpUrl) process.env.SMTP_URL = smtpUrl;
  else delete process.env.SMTP_URL;
  const started = await startWorkers();
  workers.push(started);
  return started;
}

/** Queues `count` welcome emails (one transaction each, as actions do) and returns their ids. */
async function queueWelcomes(count: number, locale: "en" | "fr" = "en") {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(
      await getDb().$transaction((tx) =>
        queueEmail(tx, acme.account.id, {
          to: { email: `person${i}@example.com`, locale, timeZone: "Europe/Paris" },
          kind: "welcome",
          variables: {
            firstName: `Person ${i}`,
            accountName: acme.account.name,
            inviterName: "Ada Admin",
            invitationUrl: `https://admin.example/invitations/token-${i}`,
            expiresAt: new Date("2026-12-01T09:00:00Z"),
          },
        }),
      ),
    );
  }
  return ids;
}

async function waitForRows(predicate: (rows: { status: string; attempts: number }[]) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await getDb().outboxEmail.findMany({ where: { accountId: acme.account.id }, select: { status: true, attempts: true } });
    if (predicate(rows)) return rows;
    if (Date.now() > deadline) throw new Error(`Outbox never reached the expected state: ${JSON.stringify(rows.slice(0, 5))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const jobCount = async () => (await getDb().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job`)[0].n;
const outboxCount = () => getDb().outboxEmail.count({ where: { accountId: acme.account.id } });

describe("queueEmail", () => {
  it("writes the rendered email and its delivery job in the caller's transaction", async () => {
    const [id] = await queueWelcomes(1, "fr");
    const row = await getDb().outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "QUEUED", attempts: 0, locale: "fr", kind: "welcome", recipient: "person0@example.com" });
    expect(row.subject).toBe(`Ada Admin vous invite à rejoindre ${acme.account.name}`);
    expect(row.messageId).toMatch(new RegExp(`^<${id}@`));
    expect(await getDb().$queryRaw`SELECT data FROM pgboss.job WHERE data->>'outboxId' = ${id}`).toEqual([{ data: { outboxId: id } }]);
  });

  it("leaves neither the email nor the job when the transaction rolls back", async () => {
    const jobsBefore = await jobCount();
    await expect(
      getDb().$transaction(async (tx) => {
        await queueEmail(tx, acme.account.id, {
          to: { email: "x@example.com", locale: "en", timeZone: "UTC" },
          kind: "productChange",
          variables: { firstName: "X", accountName: "Acme", inviterName: "Ada", productNames: ["Remote Support"] },
        });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await outboxCount()).toBe(0);
    expect(await jobCount()).toBe(jobsBefore);
  });

  it("uses the account's own template for that kind and language when it has one", async () => {
    await getDb().emailTemplate.create({
      data: { accountId: acme.account.id, kind: "welcome", locale: "en", subject: "Join {{ accountName }} today", body: "Hi {{ firstName }}: {{ invitationUrl }} (until {{ expiresAt }})" },
    });
    const [id] = await queueWelcomes(1, "en");
    const row = await getDb().outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row.subject).toBe(`Join ${acme.account.name} today`);
    expect(row.text).toContain("Hi Person 0: https://admin.example/invitations/token-0");
  });

  it("queues many emails at once, each in its recipient's language, with one job each", async () => {
    await getDb().emailTemplate.create({
      data: { accountId: acme.account.id, kind: "productChange", locale: "nl", subject: "Nieuw in {{ accountName }}", body: "Hoi {{ firstName }}: {{ productNames }}" },
    });
    const locales = ["en", "fr", "nl"] as const;
    const ids = await getDb().$transaction((tx) =>
      queueEmails(
        tx,
        acme.account.id,
        Array.from({ length: 30 }, (_, i) => ({
          to: { email: `bulk${i}@example.com`, locale: locales[i % 3], timeZone: "UTC" },
          kind: "productChange" as const,
          variables: { firstName: `B${i}`, accountName: "Acme", inviterName: "Ada", productNames: ["Remote Support"] },
        })),
      ),
    );
    expect(new Set(ids).size).toBe(30);
    const rows = await getDb().outboxEmail.findMany({ where: { id: { in: ids } } });
    expect(rows.filter((r) => r.locale === "nl").every((r) => r.subject === "Nieuw in Acme")).toBe(true);
    expect(rows.find((r) => r.locale === "fr")?.subject).toBe("Vos produits dans Acme ont changé");
    const jobs = await getDb().$queryRaw<{ n: number }[]>`SELECT count(DISTINCT data->>'outboxId')::int AS n FROM pgboss.job WHERE data->>'outboxId' = ANY(${ids})`;
    expect(jobs[0].n).toBe(30);
  });

  it("refuses a recipient that is not one plain address", async () => {
    await expect(
      getDb().$transaction((tx) =>
        queueEmail(tx, acme.account.id, {
          to: { email: "a@example.com\r\nBcc: b@example.com", locale: "en", timeZone: "UTC" },
          kind: "productChange",
          variables: { firstName: "X", accountName: "Acme", inviterName: "Ada", productNames: ["Remote Support"] },
        }),
      ),
    ).rejects.toThrow(/one plain address/);
    expect(await outboxCount()).toBe(0);
  });
});

describe("delivery", () => {
  it("sends through a real SMTP server: the recipient's language, subject, link and both parts", async () => {
    smtp = await startSmtpServer();
    const [id] = await queueWelcomes(1, "fr");
    await work(smtp.url);
    await smtp.waitFor(1);

    const { parsed } = smtp.received[0];
    expect(parsed.subject).toBe(`Ada Admin vous invite à rejoindre ${acme.account.name}`);
    expect(parsed.to).toMatchObject({ value: [{ address: "person0@example.com" }] });
    expect(parsed.text).toContain("Bonjour Person 0,");
    expect(parsed.text).toContain("https://admin.example/invitations/token-0");
    expect(parsed.html).toContain('lang="fr"');
    expect(parsed.html).toContain('href="https://admin.example/invitations/token-0"');
    expect(parsed.headers.get("auto-submitted")).toBe("auto-generated");
    const row = await getDb().outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(parsed.messageId).toBe(row.messageId);
    await waitForRows((rows) => rows.every((r) => r.status === "SENT"));
    expect(await getDb().outboxEmail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SENT", attempts: 1, lastError: null });
  });

  it("captures instead of sending when no SMTP server is configured", async () => {
    await queueWelcomes(3);
    await work(undefined);
    const rows = await waitForRows((r) => r.every((row) => row.status === "CAPTURED"));
    expect(rows).toHaveLength(3);
  });

  it("keeps mail queued while the SMTP server is down and delivers each once when it is back", { timeout: 60_000 }, async () => {
    const port = await freePort();
    await queueWelcomes(20);
    await work(`smtp://127.0.0.1:${port}`);
    const waiting = await waitForRows((rows) => rows.every((r) => r.status === "QUEUED" && r.attempts >= 1));
    expect(waiting).toHaveLength(20);
    expect((await getDb().outboxEmail.findFirstOrThrow({ where: { accountId: acme.account.id } })).lastError).toMatch(/ECONNECTION|ECONNREFUSED/);

    smtp = await startSmtpServer({ port });
    await smtp.waitFor(20, 30_000);
    await waitForRows((rows) => rows.every((r) => r.status === "SENT"), 30_000);
    await new Promise((r) => setTimeout(r, 1500)); // any duplicate would arrive by now
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(20);
    expect(smtp.received).toHaveLength(20);
  });

  it("retries a temporary refusal (451) and fails a permanent one (550) at once", async () => {
    smtp = await startSmtpServer();
    smtp.setMode("refuse");
    const [id] = await queueWelcomes(1);
    await work(smtp.url);
    await waitForRows((rows) => rows[0].attempts >= 1 && rows[0].status === "QUEUED");
    expect((await getDb().outboxEmail.findUniqueOrThrow({ where: { id } })).lastError).toMatch(/451/);
    smtp.setMode("accept");
    await smtp.waitFor(1);

    smtp.setMode("reject");
    const [rejected] = await queueWelcomes(1);
    await waitForRows((rows) => rows.some((r) => r.status === "FAILED"));
    expect(await getDb().outboxEmail.findUniqueOrThrow({ where: { id: rejected } })).toMatchObject({ status: "FAILED", attempts: 1 });
    expect((await getDb().outboxEmail.findUniqueOrThrow({ where: { id: rejected } })).lastError).toMatch(/550/);
  });

  it("sends every email exactly once with two worker processes on the same queue", { timeout: 60_000 }, async () => {
    smtp = await startSmtpServer();
    await queueWelcomes(100);
    // Separate processes, as deployed: one pg-boss instance per process.
    processes.push(startWorkerProcess({ SMTP_URL: smtp.url, MAIL_BATCH_SIZE: "10" }), startWorkerProcess({ SMTP_URL: smtp.url, MAIL_BATCH_SIZE: "10" }));
    await smtp.waitFor(100, 45_000);
    await waitForRows((rows) => rows.every((r) => r.status === "SENT"), 45_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.received).toHaveLength(100);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(100);
  });
});

// The SMTP server down (connection refused) for a long outage, compressed by a one-second retry
// delay: each email's retry rounds fail one after another, with backoff, as they would over minutes
// with the default 30 s. Nothing is lost: when the server is back on the same port every email
// goes out exactly once; an outage longer than the retry budget leaves the emails FAILED, with
// the reason, and an admin's Retry sends each exactly once.
import type { ChildProcess } from "node:child_process";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createTestAccount, type TestAccount } from "../support/accounts";
import { stopProcess } from "../support/script-process";
import { signInAs } from "../support/session";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";
import { until } from "../support/until";
import { startWorkerProcess } from "../support/worker-process";
import { freePort } from "../../scripts/free-port";
import { retryEmailAction } from "@/app/(app)/settings/outbox/actions";
import { getDb } from "@/lib/db/client";
import { queueEmails } from "@/lib/mail/outbox";

// The retry policy is copied onto each job when it is queued (here) and onto the queue by the worker.
const POLICY = { MAIL_RETRY_DELAY_SECONDS: "1", QUEUE_MAINTENANCE_SECONDS: "1" };
Object.assign(process.env, POLICY);

let acme: TestAccount;
let smtp: TestSmtpServer | undefined;
let workers: ChildProcess[] = [];

beforeEach(async () => {
  acme = await createTestAccount("Outage");
});

afterEach(async () => {
  await Promise.all(workers.map((w) => stopProcess(w)));
  workers = [];
  await smtp?.stop();
  smtp = undefined;
});

async function queue(count: number, retryLimit: number) {
  process.env.MAIL_RETRY_LIMIT = String(retryLimit);
  return getDb().$transaction((tx) =>
    queueEmails(
      tx,
      acme.account.id,
      Array.from({ length: count }, (_, i) => ({
        to: { email: `outage${i}@example.com`, locale: "en" as const, timeZone: "UTC" },
        kind: "productChange" as const,
        variables: { firstName: `P${i}`, accountName: acme.account.name, inviterName: "Ada", productNames: ["Remote Support"] },
      })),
    ),
  );
}

function worker(port: number, retryLimit: number) {
  workers.push(startWorkerProcess({ MAIL_RETRY_LIMIT: String(retryLimit), SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_BATCH_SIZE: "10" }));
}

const rows = () =>
  getDb().outboxEmail.findMany({ where: { accountId: acme.account.id }, select: { id: true, status: true, attempts: true, lastError: true, messageId: true } });

/** Each email's delivery jobs: how many times pg-boss ran them in all, and in what state they ended. */
const jobsOf = (ids: string[]) =>
  getDb().$queryRaw<{ outboxId: string; runs: number; states: string[] }[]>`
    SELECT data->>'outboxId' AS "outboxId", sum(retry_count + 1)::int AS runs, array_agg(state::text ORDER BY created_on) AS states
    FROM pgboss.job WHERE name = 'send-email' AND data->>'outboxId' = ANY(${ids}) GROUP BY 1`;

async function expectEachDeliveredOnce(ids: string[]) {
  await until(async () => (await rows()).every((r) => r.status === "SENT"), "every email to be sent", 60_000);
  await new Promise((r) => setTimeout(r, 1500)); // a duplicate would have arrived by now
  const messageIds = smtp!.received.map((m) => m.messageId);
  expect(messageIds).toHaveLength(ids.length);
  expect(new Set(messageIds)).toEqual(new Set((await rows()).map((r) => r.messageId)));
}

it("an outage within the retry budget: every email goes out exactly once when the server is back", { timeout: 120_000 }, async () => {
  const port = await freePort();
  const ids = await queue(20, 10);
  worker(port, 10);

  // Three failed rounds each (waits of 1–2 s, then 2–4 s), all still waiting for the next.
  await until(async () => (await rows()).every((r) => r.attempts >= 3), "three failed rounds", 60_000);
  const down = await rows();
  expect(down.every((r) => r.status === "QUEUED" || r.status === "SENDING")).toBe(true);
  expect(down.every((r) => /ECONNECTION|ECONNREFUSED/.test(r.lastError ?? ""))).toBe(true);

  smtp = await startSmtpServer({ port });
  await expectEachDeliveredOnce(ids);

  const sent = await rows();
  expect(sent.every((r) => r.attempts >= 4 && r.lastError === null)).toBe(true);
  // One job per email, completed after its retries; the outbox counted every run of it.
  const jobs = new Map((await jobsOf(ids)).map((j) => [j.outboxId, j]));
  expect(sent.map((r) => jobs.get(r.id)?.states)).toEqual(sent.map(() => ["completed"]));
  expect(sent.every((r) => jobs.get(r.id)!.runs === r.attempts)).toBe(true);
});

it("an outage longer than the retry budget: FAILED with the reason, and Retry sends each once", { timeout: 120_000 }, async () => {
  const port = await freePort();
  const ids = await queue(10, 2);
  worker(port, 2);

  await until(async () => (await rows()).every((r) => r.status === "FAILED"), "the retry budget to run out", 60_000);
  const failed = await rows();
  expect(failed.every((r) => r.attempts === 3 && /ECONNECTION|ECONNREFUSED/.test(r.lastError ?? ""))).toBe(true);

  smtp = await startSmtpServer({ port });
  await new Promise((r) => setTimeout(r, 2000));
  expect(smtp.received).toHaveLength(0); // failed for good means nothing retries behind the admin's back

  signInAs(acme.users.ADMIN);
  for (const id of ids) expect(await retryEmailAction(undefined, { id })).toEqual({ ok: true, data: { id } });
  await expectEachDeliveredOnce(ids);
  expect((await rows()).every((r) => r.attempts === 4 && r.lastError === null)).toBe(true);
  const jobs = await jobsOf(ids);
  expect(jobs.every((j) => j.runs === 4 && j.states.join() === "completed,completed")).toBe(true);
});

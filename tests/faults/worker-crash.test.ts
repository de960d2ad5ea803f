// A worker process killed with SIGKILL in the middle of sending: after a restart every email ends
// sent, and the SMTP server has accepted each exactly once.
import type { ChildProcess } from "node:child_process";
import { afterEach, expect, it } from "vitest";
import { createTestAccount } from "../support/accounts";
import { stopProcess } from "../support/script-process";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";
import { until } from "../support/until";
import { startWorkerProcess } from "../support/worker-process";
import { getDb } from "@/lib/db/client";
import { queueEmail } from "@/lib/mail/outbox";

process.env.MAIL_SEND_TIMEOUT_SECONDS = "3"; // how long before a dead attempt may be taken over
process.env.MAIL_RETRY_DELAY_SECONDS = "1";

let smtp: TestSmtpServer | undefined;
const children: ChildProcess[] = [];

afterEach(async () => {
  await Promise.all(children.map((child) => stopProcess(child, "SIGKILL")));
  await smtp?.stop();
});

function worker(smtpUrl: string): ChildProcess {
  const child = startWorkerProcess({ SMTP_URL: smtpUrl, QUEUE_MAINTENANCE_SECONDS: "1", MAIL_BATCH_SIZE: "10" });
  children.push(child);
  return child;
}

it("SIGKILL mid-send: after a restart every email is sent exactly once", { timeout: 90_000 }, async () => {
  const { account } = await createTestAccount("Crash");
  const total = 60;
  for (let i = 0; i < total; i++) {
    await getDb().$transaction((tx) =>
      queueEmail(tx, account.id, {
        to: { email: `crash${i}@example.com`, locale: "de", timeZone: "Europe/Berlin" },
        kind: "productChange",
        variables: { firstName: `P${i}`, accountName: account.name, inviterName: "Ada", productNames: ["Remote Support"] },
      }),
    );
  }
  smtp = await startSmtpServer();

  // Let some mail through, then hold the server's replies so messages are mid-transaction.
  const first = worker(smtp.url);
  await until(() => smtp!.received.length >= 15, "the first deliveries");
  smtp.setMode("hold");
  await until(() => smtp!.held() >= 1, "a message in flight");
  await stopProcess(first, "SIGKILL");
  await smtp.heldConnectionsClosed();
  smtp.release(); // the client is gone: those messages were never accepted
  smtp.setMode("accept");

  const stuck = await getDb().outboxEmail.count({ where: { accountId: account.id, status: "SENDING" } });
  expect(stuck).toBeGreaterThan(0); // the kill really happened mid-send

  worker(smtp.url);
  await until(
    async () => (await getDb().outboxEmail.count({ where: { accountId: account.id, status: "SENT" } })) === total,
    "every email to be sent",
    60_000,
  );
  await new Promise((r) => setTimeout(r, 1500)); // any duplicate would have arrived by now

  const ids = smtp.received.map((m) => m.messageId);
  expect(ids).toHaveLength(total);
  expect(new Set(ids).size).toBe(total);
  const rows = await getDb().outboxEmail.findMany({ where: { accountId: account.id }, select: { messageId: true, attempts: true } });
  expect(new Set(rows.map((r) => r.messageId))).toEqual(new Set(ids));
  expect(rows.some((r) => r.attempts === 2)).toBe(true); // the interrupted ones were tried again
});

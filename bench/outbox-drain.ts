// Outbox drain: 1,000 queued emails delivered by one `npm run worker` process to a local SMTP
// server, on a fresh database of the machine's PostgreSQL. Messages per second from the first
// message accepted to the last row marked sent.
import { startSmtpServer } from "../tests/support/smtp";
import { getDb } from "@/lib/db/client";
import { queueEmails } from "@/lib/mail/outbox";
import { createAccount } from "@/lib/seed/accounts";
import type { Result } from "./result";
import { createBenchDatabase } from "./support";
import { startWorkerProcess } from "../tests/support/worker-process";

const EMAILS = 1000;

export async function benchOutboxDrain(serverUrl: string): Promise<Result[]> {
  const { url, drop } = await createBenchDatabase(serverUrl, "outbox");
  const smtp = await startSmtpServer({ parse: false });
  try {
    const { account } = await createAccount(getDb(), { name: "Bench", password: "bench password", users: [] });
    const queued = performance.now();
    await getDb().$transaction((tx) =>
      queueEmails(
        tx,
        account.id,
        Array.from({ length: EMAILS }, (_, i) => ({
          to: { email: `user${i}@bench.example`, locale: (["en", "fr", "de"] as const)[i % 3], timeZone: "Europe/Paris" },
          kind: "welcome" as const,
          variables: { firstName: `User ${i}`, accountName: "Bench", inviterName: "Ada", invitationUrl: `https://admin.example/i/${i}`, expiresAt: new Date() },
        })),
      ),
    );
    const queueMs = performance.now() - queued;

    const worker = startWorkerProcess({ DATABASE_URL: url, SMTP_URL: smtp.url });
    try {
      await smtp.waitFor(1, 60_000);
      const first = performance.now();
      for (;;) {
        const sent = await getDb().outboxEmail.count({ where: { status: "SENT" } });
        if (sent === EMAILS) break;
        if (performance.now() - first > 120_000) throw new Error(`only ${sent} of ${EMAILS} sent`);
        await new Promise((r) => setTimeout(r, 20));
      }
      const seconds = (performance.now() - first) / 1000;
      const rate = Math.round((EMAILS - 1) / seconds);
      const duplicates = smtp.received.length - new Set(smtp.received.map((m) => m.messageId)).size;
      return [
        { name: "outbox: queue 1,000 emails in one transaction (queueEmails: render, rows, jobs)", value: Math.round(queueMs), unit: "ms", target: "report", pass: true },
        { name: "outbox drain to local SMTP (1,000 emails, one worker process)", value: rate, unit: "msg/s", target: "≥ 100 msg/s", pass: rate >= 100 },
        { name: "outbox drain: duplicate deliveries", value: duplicates, unit: "messages", target: "0", pass: duplicates === 0 },
      ];
    } finally {
      worker.kill("SIGTERM");
    }
  } finally {
    await smtp.stop();
    await drop();
  }
}

// No `server-only` marker: Playwright fixtures queue mail through this module too, as lib/seed does.
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import type { OutboxStatus } from "@/lib/generated/prisma/enums";
import type { AppLocale } from "@/lib/i18n/locales";
import { renderEmail, type EmailVariables } from "@/lib/mail/render";
import type { TemplateKind } from "@/lib/mail/templates";
import { mailDomain } from "@/lib/mail/transport";
import { NEWEST_FIRST, olderThan, toPage, type Keyset } from "@/lib/pagination/keyset";
import { enqueue, QUEUES } from "@/lib/queue/boss";

export const OUTBOX_PAGE_SIZE = 50;
const RECIPIENT = /^[^\s@<>,;"]+@[^\s@<>,;"]+$/;

export interface Recipient {
  email: string;
  locale: AppLocale;
  timeZone: string;
}

/** The account's own template for this kind and language, if it has one. */
async function accountTemplate(tx: Tx, accountId: string, kind: TemplateKind, locale: AppLocale) {
  return tx.emailTemplate.findUnique({
    where: { accountId_kind_locale: { accountId, kind, locale } },
    select: { subject: true, body: true },
  });
}

/**
 * Renders an email in the recipient's language and time zone and writes it to the outbox with
 * its delivery job, inside the caller's transaction: both exist exactly when the change commits.
 */
export async function queueEmail(
  tx: Tx,
  accountId: string,
  input: { to: Recipient; kind: TemplateKind; variables: EmailVariables },
): Promise<string> {
  const recipient = input.to.email.trim();
  if (!RECIPIENT.test(recipient)) throw new Error("queueEmail: the recipient must be one plain address");
  const template = (await accountTemplate(tx, accountId, input.kind, input.to.locale)) ?? undefined;
  const rendered = renderEmail({ kind: input.kind, locale: input.to.locale, timeZone: input.to.timeZone, variables: input.variables, template });
  const id = randomUUID();
  await tx.outboxEmail.create({
    data: {
      id,
      accountId,
      recipient,
      locale: input.to.locale,
      kind: input.kind,
      ...rendered,
      messageId: `<${id}@${mailDomain()}>`,
    },
  });
  await enqueue(tx, QUEUES.sendEmail, { outboxId: id });
  return id;
}

const summary = {
  id: true, recipient: true, subject: true, kind: true, locale: true, status: true,
  attempts: true, createdAt: true, sentAt: true,
} as const;

/** One page of an account's outbox, newest first; optionally only one status. */
export async function listOutbox(db: Db, accountId: string, options: { after?: Keyset; status?: OutboxStatus } = {}) {
  const emails = await db.outboxEmail.findMany({
    where: { accountId, ...(options.status && { status: options.status }), ...olderThan(options.after) },
    orderBy: [...NEWEST_FIRST],
    take: OUTBOX_PAGE_SIZE + 1,
    select: summary,
  });
  const { rows, nextCursor } = toPage(emails, OUTBOX_PAGE_SIZE);
  return { emails: rows, nextCursor };
}

/** One email of this account, or null: an id from another account finds nothing. */
export async function findOutboxEmail(db: Db | Tx, accountId: string, id: string) {
  return db.outboxEmail.findFirst({
    where: { id, accountId },
    select: { ...summary, html: true, text: true, lastError: true, messageId: true, leaseUntil: true, updatedAt: true },
  });
}

/** Failed, or stuck sending after its attempt's time ran out (the worker died on its last try). */
export function canRetry(email: { status: OutboxStatus; leaseUntil: Date | null }, now = new Date()): boolean {
  return email.status === "FAILED" || (email.status === "SENDING" && email.leaseUntil !== null && email.leaseUntil < now);
}

/** Puts a failed email back in the queue with a fresh delivery job. Returns false if it can't be retried. */
export async function requeueEmail(tx: Tx, accountId: string, id: string): Promise<boolean> {
  const email = await findOutboxEmail(tx, accountId, id);
  if (!email || !canRetry(email)) return false;
  const { count } = await tx.outboxEmail.updateMany({
    where: { id, accountId, status: email.status, updatedAt: email.updatedAt },
    data: { status: "QUEUED", leaseUntil: null },
  });
  if (count === 0) return false;
  await enqueue(tx, QUEUES.sendEmail, { outboxId: id });
  return true;
}

/** Counts for the health endpoint. */
export async function outboxCounts(db: Db) {
  const rows = await db.outboxEmail.groupBy({ by: ["status"], _count: { _all: true } });
  return Object.fromEntries(rows.map((row) => [row.status, row._count._all])) as Partial<Record<OutboxStatus, number>>;
}

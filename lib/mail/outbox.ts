// No `server-only` marker: Playwright fixtures queue mail through this module too, as lib/seed does.
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import type { OutboxStatus } from "@/lib/generated/prisma/enums";
import type { AppLocale } from "@/lib/i18n/locales";
import { renderEmail, type EmailVariables } from "@/lib/mail/render";
import { isCustomizable, type TemplateKind, type TemplateSource } from "@/lib/mail/templates";
import { mailDomain } from "@/lib/mail/sender";
import { NEWEST_FIRST, olderThan, toPage, type Keyset } from "@/lib/pagination/keyset";
import { enqueue, enqueueMany, QUEUES } from "@/lib/queue/boss";

export const OUTBOX_PAGE_SIZE = 50;
const RECIPIENT = /^[^\s@<>,;"]+@[^\s@<>,;"]+$/;

export interface Recipient {
  email: string;
  locale: AppLocale;
  timeZone: string;
}

export interface EmailToQueue {
  to: Recipient;
  kind: TemplateKind;
  variables: EmailVariables;
  /** A template for this email only ("Customize" in Add user), instead of the account's or the default. */
  template?: TemplateSource;
  /**
   * An invitation's link token: the variables' invitationUrl holds the placeholder instead, so the
   * stored email (shown in Settings > Outbox) has no usable link; delivery puts the token in.
   */
  linkToken?: string;
}

/** The account's own templates for these kinds and languages (customizable kinds only), keyed "kind:locale". */
async function accountTemplates(tx: Tx, accountId: string, emails: EmailToQueue[]) {
  const wanted = [...new Map(emails.filter((e) => isCustomizable(e.kind)).map((e) => [`${e.kind}:${e.to.locale}`, { kind: e.kind, locale: e.to.locale }])).values()];
  if (wanted.length === 0) return new Map<string, TemplateSource>();
  const templates = await tx.emailTemplate.findMany({ where: { accountId, OR: wanted }, select: { kind: true, locale: true, subject: true, body: true } });
  return new Map(templates.map((t) => [`${t.kind}:${t.locale}`, t]));
}

/**
 * Renders emails in each recipient's language and time zone and writes them to the outbox with
 * their delivery jobs, inside the caller's transaction: they exist exactly when the change
 * commits. A few queries whatever the count (templates, rows, jobs), for bulk changes.
 */
export async function queueEmails(tx: Tx, accountId: string, emails: EmailToQueue[]): Promise<string[]> {
  if (emails.length === 0) return [];
  const templates = await accountTemplates(tx, accountId, emails);
  const domain = mailDomain();
  const rows = emails.map((email) => {
    const recipient = email.to.email.trim();
    if (!RECIPIENT.test(recipient)) throw new Error("queueEmail: the recipient must be one plain address");
    const rendered = renderEmail({
      kind: email.kind,
      locale: email.to.locale,
      timeZone: email.to.timeZone,
      variables: email.variables,
      template: email.template ?? templates.get(`${email.kind}:${email.to.locale}`),
    });
    const id = randomUUID();
    return { id, accountId, recipient, locale: email.to.locale, kind: email.kind, ...rendered, messageId: `<${id}@${domain}>`, linkToken: email.linkToken ?? null };
  });
  // One statement, the rows as one JSON parameter: Prisma's createMany spends ~0.3 ms per row of
  // this size (rendered HTML and text) in the process; PostgreSQL parses the JSON much faster.
  const inserted = await tx.$executeRaw`
    INSERT INTO "OutboxEmail" (id, "accountId", recipient, locale, kind, subject, html, text, "messageId", "linkToken", "updatedAt")
    SELECT r.id, r."accountId", r.recipient, r.locale::"Locale", r.kind::"EmailKind", r.subject, r.html, r.text, r."messageId", r."linkToken", now()
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS r(id uuid, "accountId" uuid, recipient text, locale text, kind text, subject text, html text, text text, "messageId" text, "linkToken" text)`;
  if (inserted !== rows.length) throw new Error(`queueEmails: wrote ${inserted} of ${rows.length} emails`);
  await enqueueMany(tx, QUEUES.sendEmail, rows.map((row) => ({ outboxId: row.id })));
  return rows.map((row) => row.id);
}

export async function queueEmail(tx: Tx, accountId: string, email: EmailToQueue): Promise<string> {
  const [id] = await queueEmails(tx, accountId, [email]);
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

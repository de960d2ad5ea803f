import "server-only";
import type { Db } from "@/lib/db/client";
import { withLinkToken } from "@/lib/invitations/tokens";
import { describeFailure, isPermanentFailure, type MailTransport } from "@/lib/mail/transport";

export type DeliveryOutcome = "sent" | "captured" | "skipped" | "retry" | "failed";

export class RetryLaterError extends Error {}

/**
 * Delivers one outbox email, safe to call any number of times for the same id (delivery is
 * at-least-once). A conditional update claims the row for `leaseSeconds`: a second worker, or a
 * job repeated after the email was sent, finds nothing to claim and stops. The row is marked
 * sent right after the SMTP server accepts it, so no later attempt sends it again.
 * An invitation's link token is put into the message only here, and erased once it is sent.
 */
export async function deliverEmail(
  db: Db,
  transport: MailTransport,
  outboxId: string,
  options: { leaseSeconds: number; lastAttempt: boolean },
): Promise<DeliveryOutcome> {
  const claimed = await db.$queryRaw<{ recipient: string; subject: string; html: string; text: string; messageId: string; linkToken: string | null }[]>`
    UPDATE "OutboxEmail"
    SET status = 'SENDING', attempts = attempts + 1, "leaseUntil" = now() + make_interval(secs => ${options.leaseSeconds}), "updatedAt" = now()
    WHERE id = ${outboxId}::uuid
      AND (status = 'QUEUED' OR (status = 'SENDING' AND "leaseUntil" < now()))
    RETURNING recipient, subject, html, text, "messageId", "linkToken"`;
  const email = claimed[0];
  if (!email) return "skipped";

  try {
    const link = (part: string) => (email.linkToken ? withLinkToken(part, email.linkToken) : part);
    await transport.send({ to: email.recipient, subject: email.subject, html: link(email.html), text: link(email.text), messageId: email.messageId });
  } catch (error) {
    const final = options.lastAttempt || isPermanentFailure(error);
    // updateMany: the row may be gone (its account deleted meanwhile); there is nothing left to do then.
    await db.outboxEmail.updateMany({
      where: { id: outboxId },
      data: { status: final ? "FAILED" : "QUEUED", lastError: describeFailure(error), leaseUntil: null },
    });
    if (final) return "failed";
    throw new RetryLaterError(describeFailure(error));
  }

  const captured = transport.kind === "capture";
  await db.outboxEmail.updateMany({
    where: { id: outboxId },
    // A captured email never left: its token stays, unused, for whoever runs the server (tests read it).
    data: { status: captured ? "CAPTURED" : "SENT", sentAt: new Date(), lastError: null, leaseUntil: null, ...(!captured && { linkToken: null }) },
  });
  return captured ? "captured" : "sent";
}

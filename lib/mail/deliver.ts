import "server-only";
import type { Db } from "@/lib/db/client";
import { describeFailure, isPermanentFailure, type MailTransport } from "@/lib/mail/transport";

export type DeliveryOutcome = "sent" | "captured" | "skipped" | "retry" | "failed";

export class RetryLaterError extends Error {}

/**
 * Delivers one outbox email, safe to call any number of times for the same id (delivery is
 * at-least-once). A conditional update claims the row for `leaseSeconds`: a second worker, or a
 * job repeated after the email was sent, finds nothing to claim and stops. The row is marked
 * sent right after the SMTP server accepts it, so no later attempt sends it again.
 */
export async function deliverEmail(
  db: Db,
  transport: MailTransport,
  outboxId: string,
  options: { leaseSeconds: number; lastAttempt: boolean },
): Promise<DeliveryOutcome> {
  const claimed = await db.$queryRaw<{ recipient: string; subject: string; html: string; text: string; messageId: string }[]>`
    UPDATE "OutboxEmail"
    SET status = 'SENDING', attempts = attempts + 1, "leaseUntil" = now() + make_interval(secs => ${options.leaseSeconds}), "updatedAt" = now()
    WHERE id = ${outboxId}::uuid
      AND (status = 'QUEUED' OR (status = 'SENDING' AND "leaseUntil" < now()))
    RETURNING recipient, subject, html, text, "messageId"`;
  const email = claimed[0];
  if (!email) return "skipped";

  try {
    await transport.send({ to: email.recipient, subject: email.subject, html: email.html, text: email.text, messageId: email.messageId });
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
    data: { status: captured ? "CAPTURED" : "SENT", sentAt: new Date(), lastError: null, leaseUntil: null },
  });
  return captured ? "captured" : "sent";
}

// No `server-only` marker: Playwright fixtures issue invitations too.
import type { Tx } from "@/lib/db/client";
import type { AccountRole, InvitationKind, Locale } from "@/lib/generated/prisma/enums";
import { queueEmails } from "@/lib/mail/outbox";
import type { TemplateSource } from "@/lib/mail/templates";
import { hashToken, invitationSettings, invitationUrl, newToken } from "./tokens";

export interface Invitee {
  id: string;
  email: string;
  firstName: string;
  locale: Locale;
  timeZone: string;
}

export interface InvitationToIssue {
  user: Invitee;
  kind: InvitationKind;
  /** For a transfer: what the user gets on joining. */
  role?: AccountRole;
  groupId?: string | null;
  productCodes?: string[];
}

export interface Inviter {
  id: string;
  firstName: string;
  lastName: string;
  accountName: string;
}

/**
 * Issues one live invitation per user and queues its email, inside the caller's transaction:
 * retires the users' previous links in this account, stores only each new token's hash, and
 * writes the welcome or transfer email with the link. Returns the links (for the summary, tests).
 */
export async function issueInvitations(
  tx: Tx,
  accountId: string,
  inviter: Inviter,
  items: InvitationToIssue[],
  options: { resent?: boolean; welcomeTemplate?: TemplateSource } = {},
) {
  if (items.length === 0) return [];
  const expiresAt = new Date(Date.now() + invitationSettings().ttlMs);
  await tx.invitation.updateMany({
    where: { accountId, userId: { in: items.map((i) => i.user.id) }, acceptedAt: null, declinedAt: null, retiredAt: null },
    data: { retiredAt: new Date() },
  });
  const issued = items.map((item) => ({ ...item, token: newToken() }));
  await tx.invitation.createMany({
    data: issued.map((i) => ({
      accountId, userId: i.user.id, kind: i.kind, tokenHash: hashToken(i.token), invitedById: inviter.id,
      resent: options.resent ?? false, role: i.role ?? "MEMBER", groupId: i.groupId ?? null, productCodes: i.productCodes ?? [], expiresAt,
    })),
  });
  const inviterName = `${inviter.firstName} ${inviter.lastName}`.trim();
  await queueEmails(tx, accountId, issued.map((i) => ({
    to: { email: i.user.email, locale: i.user.locale, timeZone: i.user.timeZone },
    kind: i.kind === "WELCOME" ? "welcome" as const : "transferInvitation" as const,
    variables: { firstName: i.user.firstName, accountName: inviter.accountName, inviterName, invitationUrl: invitationUrl(i.token), expiresAt },
    template: i.kind === "WELCOME" ? options.welcomeTemplate : undefined,
  })));
  return issued.map((i) => ({ userId: i.user.id, kind: i.kind, url: invitationUrl(i.token), expiresAt }));
}

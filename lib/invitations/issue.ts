// No `server-only` marker: Playwright fixtures issue invitations too.
import type { Tx } from "@/lib/db/client";
import type { AccountRole, InvitationKind, Locale } from "@/lib/generated/prisma/enums";
import { queueEmails } from "@/lib/mail/outbox";
import type { TemplateSource } from "@/lib/mail/templates";
import { hashToken, invitationSettings, invitationUrl, LINK_TOKEN_PLACEHOLDER, newToken } from "./tokens";

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

const DAY_MS = 86_400_000;

/**
 * The invitees (of these transfer items) who were sent a transfer invitation in the last 24 hours,
 * by any account: one a day per person, so no account can flood another account's users. Their
 * rows are locked first, so two accounts inviting the same person at once send one email.
 */
async function invitedToTransferToday(tx: Tx, items: InvitationToIssue[]): Promise<Set<string>> {
  const userIds = [...new Set(items.filter((i) => i.kind === "TRANSFER").map((i) => i.user.id))].sort();
  if (userIds.length === 0) return new Set();
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ANY(${userIds}::uuid[]) ORDER BY id FOR UPDATE`;
  const recent = await tx.invitation.findMany({
    where: { userId: { in: userIds }, kind: "TRANSFER", createdAt: { gt: new Date(Date.now() - DAY_MS) } },
    select: { userId: true },
    distinct: ["userId"],
  });
  return new Set(recent.map((r) => r.userId));
}

/** Transfer invitations the account sent in the last 24 hours (the caller holds the account lock). */
export function transferInvitationsToday(tx: Tx, accountId: string): Promise<number> {
  return tx.invitation.count({ where: { accountId, kind: "TRANSFER", createdAt: { gt: new Date(Date.now() - DAY_MS) } } });
}

/**
 * Issues one live invitation per user and queues its email, inside the caller's transaction:
 * retires the users' previous links in this account, stores only each new token's hash, and
 * writes the welcome or transfer email. The stored email holds a placeholder where the token
 * goes; the token travels beside it to delivery only (lib/mail/deliver.ts), so no page shows a
 * usable link. A transfer to someone already sent one in the last 24 hours is held back: no new
 * link, no email (their earlier link stays as it was). Returns the links issued (tests use them).
 */
export async function issueInvitations(
  tx: Tx,
  accountId: string,
  inviter: Inviter,
  allItems: InvitationToIssue[],
  options: { resent?: boolean; welcomeTemplate?: TemplateSource } = {},
) {
  if (allItems.length === 0) return [];
  const heldBack = await invitedToTransferToday(tx, allItems);
  const items = allItems.filter((i) => i.kind !== "TRANSFER" || !heldBack.has(i.user.id));
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
    variables: { firstName: i.user.firstName, accountName: inviter.accountName, inviterName, invitationUrl: invitationUrl(LINK_TOKEN_PLACEHOLDER), expiresAt },
    linkToken: i.token,
    template: i.kind === "WELCOME" ? options.welcomeTemplate : undefined,
  })));
  return issued.map((i) => ({ userId: i.user.id, kind: i.kind, url: invitationUrl(i.token), expiresAt }));
}

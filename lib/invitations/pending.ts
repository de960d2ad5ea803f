import "server-only";
import type { Db } from "@/lib/db/client";

/**
 * The account's open transfer invitations: users of other accounts it invited, who haven't
 * answered yet. Only the address is shown — the one the inviting admin typed — never what the
 * other account stores about the person.
 */
export async function pendingTransfers(db: Db, accountId: string) {
  const rows = await db.invitation.findMany({
    where: { accountId, kind: "TRANSFER", acceptedAt: null, declinedAt: null, retiredAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, createdAt: true, expiresAt: true, user: { select: { email: true } }, invitedBy: { select: { firstName: true, lastName: true } } },
  });
  return rows.map((r) => ({
    id: r.id, email: r.user.email, sentAt: r.createdAt, expiresAt: r.expiresAt,
    invitedBy: r.invitedBy ? `${r.invitedBy.firstName} ${r.invitedBy.lastName}`.trim() : null,
  }));
}

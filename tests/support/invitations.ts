// Invited users and their invitations, issued the way Add user issues them.
import type { TestAccount } from "./accounts";
import { getDb } from "@/lib/db/client";
import type { InvitationKind } from "@/lib/generated/prisma/enums";
import { issueInvitations } from "@/lib/invitations/issue";
import { userKeys } from "@/lib/users/search-key";

/** A user of the account waiting for an invitation (status INVITED, no password yet). */
export async function invitedUser(account: { account: { id: string } }, firstName = "Noor") {
  const email = `${firstName.toLowerCase()}-${crypto.randomUUID().slice(0, 8)}@test.example`;
  return getDb().user.create({
    data: { accountId: account.account.id, email, firstName, lastName: "", ...userKeys({ firstName, lastName: "", email }), status: "INVITED" },
  });
}

/** Issues an invitation the way Add user does, from the account's admin; returns its token. */
export async function invite(account: TestAccount, userId: string, kind: InvitationKind = "WELCOME", extra: { role?: "ADMIN" | "MEMBER"; groupId?: string; productCodes?: string[] } = {}) {
  const user = await getDb().user.findUniqueOrThrow({ where: { id: userId } });
  const admin = account.users.ADMIN;
  const [issued] = await getDb().$transaction((tx) =>
    issueInvitations(tx, account.account.id, { id: admin.id, firstName: admin.firstName, lastName: admin.lastName, accountName: account.account.name }, [{ user, kind, ...extra }]),
  );
  if (!issued) throw new Error("no invitation issued (a transfer to someone invited to move in the last 24 hours is held back)");
  return issued.url.split("/invitations/")[1];
}

/** Makes every invitation of the user look older, so the resend interval has passed. */
export const backdate = (userId: string, minutes = 10) =>
  getDb().invitation.updateMany({ where: { userId }, data: { createdAt: new Date(Date.now() - minutes * 60_000) } });

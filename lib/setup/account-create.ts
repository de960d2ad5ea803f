// No `server-only` marker: scripts/account-create.ts runs it.
import { UserFacingError } from "@/lib/actions/errors";
import { recordAuditEvents } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { issueInvitations } from "@/lib/invitations/issue";
import { ensureProducts } from "@/lib/seed/accounts";
import type { AccountCreateInput } from "@/lib/validation/setup";
import { createAccountWithHolder } from "./new-account";

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === "P2002";

/**
 * `npm run account:create`: a new account (several may be made this way: a service provider runs
 * accounts for its customers) whose holder is INVITED and gets the usual welcome invitation — its
 * email queued with the link's placeholder, as every invitation's — and the link itself, returned
 * for the operator's terminal only. The invitation names its invitee as inviter: that marks it as
 * the operator's (lib/invitations/respond.ts, operatorIssued). Refuses an address that already
 * has a user, in any account.
 */
export async function createInvitedAccount(db: Db, input: AccountCreateInput) {
  const email = input.holder;
  const taken = () => new UserFacingError("setup.errors.emailTaken", { email });
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) throw taken();
  await ensureProducts(db);
  try {
    return await db.$transaction(async (tx) => {
      const { account, holder } = await createAccountWithHolder(tx, {
        name: input.name,
        holder: { email, firstName: input.firstName ?? email.slice(0, email.indexOf("@")), lastName: input.lastName ?? "", locale: input.locale },
        passwordHash: null,
      });
      const operator = { id: holder.id, firstName: "Central Admin", lastName: "", accountName: account.name };
      const [invitation] = await issueInvitations(tx, account.id, operator, [{ user: holder, kind: "WELCOME" }]);
      await recordAuditEvents(tx, account.id, null, [{
        action: "account.created",
        targetType: "account",
        targetId: account.id,
        after: { name: account.name, holder: { id: holder.id, email: holder.email }, via: "account:create" },
      }]);
      return { account, holder, invitationUrl: invitation.url, expiresAt: invitation.expiresAt };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(); // added at the same moment by someone else
    throw error;
  }
}

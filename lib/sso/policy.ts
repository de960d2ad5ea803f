import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { emailDomain } from "@/lib/validation/sso";

/**
 * Whether this user must sign in through the account's provider: its connection is on with the
 * Required policy, the account verified the domain of their address (only those addresses can
 * sign in through it), and they are not an account holder — who keeps a break-glass password,
 * with their second factor, so a broken provider never locks the account out.
 */
export async function ssoRequiredFor(db: Db | Tx, userId: string): Promise<boolean> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { email: true, role: true, account: { select: { ssoConnection: { select: { enabled: true, policy: true } }, ssoDomains: { where: { verifiedAt: { not: null } }, select: { domain: true } } } } },
  });
  const connection = user?.account.ssoConnection;
  if (!user || user.role === "ACCOUNT_HOLDER" || !connection?.enabled || connection.policy !== "REQUIRED") return false;
  const domain = emailDomain(user.email);
  return user.account.ssoDomains.some((d) => d.domain === domain);
}

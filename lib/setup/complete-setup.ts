import "server-only";
import { UserFacingError } from "@/lib/actions/errors";
import { recordAuditEvents } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { assertNewPasswordAllowed } from "@/lib/auth/password-policy";
import type { Db, Tx } from "@/lib/db/client";
import { hashToken, TOKEN_PATTERN } from "@/lib/invitations/tokens";
import { ensureProducts } from "@/lib/seed/accounts";
import { hasAccount, lockFirstRun } from "./first-run";
import { createAccountWithHolder } from "./new-account";

/** What a setup link is: usable, or why not (`done`: an account exists, the page is a 404 then). */
export type SetupLinkState = "open" | "unknown" | "expired" | "used" | "done";

async function tokenState(db: Db | Tx, token: string): Promise<Exclude<SetupLinkState, "done">> {
  if (!TOKEN_PATTERN.test(token)) return "unknown";
  const row = await db.setupToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { usedAt: true, expiresAt: true } });
  if (!row) return "unknown";
  if (row.usedAt) return "used";
  return row.expiresAt <= new Date() ? "expired" : "open";
}

/** For the page: reads only (opening the link consumes nothing). */
export async function setupLinkState(db: Db, token: string | undefined): Promise<SetupLinkState> {
  if (await hasAccount(db)) return "done";
  return token === undefined ? "unknown" : tokenState(db, token);
}

export interface SetupAnswer {
  token: string;
  accountName: string;
  firstName: string;
  lastName: string;
  email: string;
  password: string;
}

/**
 * Creates the first account and its ACTIVE account holder from a setup link, in one transaction:
 * under the first-run lock, the token is consumed by a conditional update (unused, unexpired), no
 * account may exist yet, then the account, its holder and the audit event. Of two submissions of
 * one link (two browsers, a double click) exactly one makes an account; the other is refused.
 * Returns the holder, to sign them in.
 */
export async function completeSetup(db: Db, answer: SetupAnswer) {
  if (!TOKEN_PATTERN.test(answer.token)) throw new UserFacingError("setup.closed.unknown");
  assertNewPasswordAllowed(answer.password, answer.email);
  const passwordHash = await hashPassword(answer.password); // before the transaction: no lock held while hashing
  await ensureProducts(db);
  return db.$transaction(async (tx) => {
    await lockFirstRun(tx);
    const now = new Date();
    const { count } = await tx.setupToken.updateMany({
      where: { tokenHash: hashToken(answer.token), usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count !== 1) throw new UserFacingError(`setup.closed.${await tokenState(tx, answer.token)}`);
    if (await hasAccount(tx)) throw new UserFacingError("setup.closed.done");
    const { account, holder } = await createAccountWithHolder(tx, {
      name: answer.accountName,
      holder: { email: answer.email, firstName: answer.firstName, lastName: answer.lastName },
      passwordHash,
    });
    await tx.setupToken.deleteMany({ where: { usedAt: null } }); // any other link printed is void now
    await recordAuditEvents(tx, account.id, holder.id, [{
      action: "account.created",
      targetType: "account",
      targetId: account.id,
      after: { name: account.name, holder: { id: holder.id, email: holder.email }, via: "setup" },
    }]);
    return holder;
  });
}

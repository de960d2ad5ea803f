// Runs a data-layer function the way `accountAction` does — one transaction, audit events
// recorded at the end — for benchmarks that time the server's work without HTTP.
import { recordAuditEvents, type AuditEntry } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/auth/current-user";
import { startSession } from "@/lib/auth/sessions";
import { getDb, type Tx } from "@/lib/db/client";
import type { ActionContext } from "@/lib/actions/define-action";

/** The actor as `getCurrentUser` would return them, signed in with a session row of their own. */
export async function loadActor(email: string): Promise<CurrentUser> {
  const user = await getDb().user.findUniqueOrThrow({
    where: { email },
    select: {
      id: true, accountId: true, email: true, firstName: true, lastName: true, role: true,
      status: true, locale: true, timeZone: true, sessionVersion: true, twoStepEnabled: true, createdAt: true,
      account: { select: { name: true, twoStepPolicy: true, twoStepGraceDays: true, twoStepPolicyAt: true } },
    },
  });
  const sessionId = await startSession(getDb(), user.id, new Headers({ "user-agent": "bench" }));
  return { ...user, sessionId } satisfies CurrentUser;
}

/** `oneStatement`: as `accountAction` runs such an input, on the plain client without a transaction. */
export function asAction<T>(actor: CurrentUser, handler: (ctx: ActionContext) => Promise<T>, options = { oneStatement: false }): Promise<T> {
  if (options.oneStatement) {
    return handler({ user: actor, accountId: actor.accountId, db: getDb(), locale: actor.locale, audit: () => { throw new Error("audit in the statement"); }, token: null });
  }
  return getDb().$transaction(async (db: Tx) => {
    const entries: AuditEntry[] = [];
    const result = await handler({ user: actor, accountId: actor.accountId, db, locale: actor.locale, audit: (e) => entries.push(e), token: null });
    await recordAuditEvents(db, actor.accountId, actor.id, entries);
    return result;
  });
}

import "server-only";
import { randomUUID } from "node:crypto";
import { recordAuditEvents, type AuditEntry } from "@/lib/audit/record";
import type { SignInUser } from "@/lib/auth/sign-in-grants";
import { logSignInFailure } from "@/lib/auth/sign-in-log";
import { getDb, type Tx } from "@/lib/db/client";
import { issuerOf, type SsoConnectionRow } from "@/lib/sso/connection";
import { domainVerifiedFor } from "@/lib/sso/domains";
import type { SsoProfile } from "@/lib/sso/oidc";
import { userKeys } from "@/lib/users/search-key";
import { lineText } from "@/lib/validation/text";

/** Why a provider's answer signs nobody in; each has a page (app/sso/refused). Never which user exists. */
export type SsoRefusal = "unknownUser" | "suspended" | "inactive" | "noEmail" | "linkedElsewhere";

export class SsoSignInRefused extends Error {
  constructor(readonly reason: SsoRefusal) {
    super(reason);
  }
}

const USER = { id: true, accountId: true, status: true, sessionVersion: true, email: true } as const;

/** A name from the provider as a text field would keep it, or the fallback. */
function providedName(value: string, fallback: string): string {
  const parsed = lineText(50).safeParse(value);
  return parsed.success && parsed.data ? parsed.data : fallback;
}

/**
 * The user a provider's verified answer signs in, in the connection's account (decision 0033):
 * 1. the user linked to (issuer, subject) — the email is not looked at again, so an address
 *    changed at the provider never moves anyone to another user;
 * 2. else the user of that email, when the account verified the email's domain: linked now;
 * 3. else, with just-in-time users on and the domain verified, a new Member without licences.
 * An invited user who signs in this way becomes active (their welcome invitation is used up).
 * Everything in one transaction, audited; refusals are SsoSignInRefused.
 */
export async function resolveSsoUser(connection: SsoConnectionRow, profile: SsoProfile, ip: string): Promise<SignInUser> {
  const accountId = connection.accountId;
  const issuer = issuerOf(connection);
  try {
    return await getDb().$transaction(async (db) => {
      const events: AuditEntry[] = [];
      const linked = await db.ssoIdentity.findUnique({
        where: { accountId_issuer_subject: { accountId, issuer, subject: profile.subject } },
        select: { id: true, user: { select: USER } },
      });
      let user = linked?.user ?? null;
      if (linked) {
        await db.ssoIdentity.update({ where: { id: linked.id }, data: { lastSignInAt: new Date() } });
      } else {
        user = await linkOrCreate(db, connection, issuer, profile, events);
      }
      if (!user) throw new SsoSignInRefused("unknownUser");
      if (user.status === "SUSPENDED") throw new SsoSignInRefused("suspended");
      if (user.status === "TRANSFER_PENDING") throw new SsoSignInRefused("inactive");
      if (user.status === "INVITED") {
        await db.user.update({ where: { id: user.id }, data: { status: "ACTIVE" } });
        await db.invitation.updateMany({ where: { userId: user.id, kind: "WELCOME", acceptedAt: null, retiredAt: null }, data: { acceptedAt: new Date() } });
        events.push({ action: "invitation.accept", targetType: "user", targetId: user.id, after: { method: "sso" } });
      }
      events.push({ action: "auth.signIn", targetType: "user", targetId: user.id, after: { ip, method: "sso" } });
      await recordAuditEvents(db, accountId, user.id, events);
      return { id: user.id, sessionVersion: user.sessionVersion };
    });
  } catch (error) {
    if (error instanceof SsoSignInRefused) {
      logSignInFailure({ reason: `sso:${error.reason}`, email: profile.email ?? "", ip });
      await recordAuditEvents(getDb(), accountId, null, [{
        action: "auth.signInFailed", targetType: "ssoIdentity", targetId: profile.subject,
        after: { ip, method: "sso", reason: error.reason, email: profile.email, identity: profile.subject },
      }]);
    }
    throw error;
  }
}

async function linkOrCreate(db: Tx, connection: SsoConnectionRow, issuer: string, profile: SsoProfile, events: AuditEntry[]) {
  const accountId = connection.accountId;
  const email = profile.email?.trim().toLowerCase();
  if (!email) throw new SsoSignInRefused("noEmail");
  // Only addresses of a domain the account proved are its to link or create.
  if (!(await domainVerifiedFor(db, accountId, email))) return null;
  const found = await db.user.findUnique({ where: { email }, select: USER });
  if (found && found.accountId !== accountId) return null;
  if (found) {
    // One identity per user and provider: a second subject claiming the same address is refused.
    if (await db.ssoIdentity.findUnique({ where: { userId_issuer: { userId: found.id, issuer } }, select: { id: true } })) {
      throw new SsoSignInRefused("linkedElsewhere");
    }
    await db.ssoIdentity.create({ data: { accountId, userId: found.id, issuer, subject: profile.subject } });
    events.push({ action: "sso.link", targetType: "user", targetId: found.id, after: { issuer, identity: profile.subject } });
    return found;
  }
  if (!connection.jitEnabled) return null;
  const names = { firstName: providedName(profile.firstName, email.slice(0, email.indexOf("@")).slice(0, 50)), lastName: providedName(profile.lastName, "") };
  const id = randomUUID();
  const created = await db.user.create({
    data: { id, accountId, email, ...names, ...userKeys({ ...names, email }), role: "MEMBER", status: "ACTIVE" },
    select: USER,
  });
  await db.ssoIdentity.create({ data: { accountId, userId: id, issuer, subject: profile.subject } });
  events.push({ action: "sso.userCreate", targetType: "user", targetId: id, after: { email, ...names, role: "MEMBER", issuer, identity: profile.subject } });
  return created;
}

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import "../support/sign-in";
import { signInAs, startTestSession, TEST_USER_AGENT } from "../support/session";
import { followed } from "../support/redirects";
import { TEST_PASSWORD, twoTestAccounts, type TestAccount } from "../support/accounts";
import { changeMyPasswordAction, revokeMyOtherSessionsAction, revokeMySessionAction, signOutAction } from "@/app/(app)/actions";
import { bulkDeleteAction, bulkSuspendAction } from "@/app/(app)/people/users/actions";
import { loadSessionUser } from "@/lib/auth/current-user";
import { authenticate } from "@/lib/auth/authenticate";
import { listLiveSessions } from "@/lib/auth/sessions";
import { pastAbsoluteLifetime, sessionCookies, sessionLifetimes } from "@/lib/auth/session-settings";
import { getDb } from "@/lib/db/client";

let acme: TestAccount;
let other: TestAccount;

beforeEach(async () => {
  ({ acme, other } = await twoTestAccounts());
});

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.append(key, value);
  return data;
};

const NEW_PASSWORD = "a brand new passphrase";
const change = (values: Partial<Record<"currentPassword" | "password" | "confirmPassword", string>> = {}) =>
  followed(changeMyPasswordAction(undefined, form({ currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, ...values })));

/** The user a request in this session would get (null: refused); the user's own session unless another is named. */
const sessionOf = (user: { id: string; sessionVersion: number; sessionId: string }, sessionId = user.sessionId) =>
  loadSessionUser(getDb(), { userId: user.id, sessionVersion: user.sessionVersion, sessionId });
const stored = (id: string) => getDb().user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true, sessionVersion: true } });
const row = (id: string) => getDb().session.findUniqueOrThrow({ where: { id } });
const REVOKED = { revokedAt: expect.any(Date) };

describe("Change password", () => {
  it("changes the password, ends every session of the user and sends them to sign in again", async () => {
    const member = acme.users.MEMBER;
    signInAs(member);
    expect(await change()).toEqual({ redirectedTo: "/sign-in?notice=passwordChanged" });

    expect(await authenticate(getDb(), member.email, NEW_PASSWORD)).not.toBeNull();
    expect(await authenticate(getDb(), member.email, TEST_PASSWORD)).toBeNull();
    expect(await sessionOf(member)).toBeNull(); // the session it was changed from, and any other
    expect(await row(member.sessionId)).toMatchObject(REVOKED); // and Active sessions says so
    const events = await getDb().auditEvent.findMany({ where: { accountId: acme.account.id, action: "profile.password.change" } });
    expect(events).toMatchObject([{ actorId: member.id, targetId: member.id, before: null, after: null }]);
    // A second change from the ended session is refused.
    expect(await change({ currentPassword: NEW_PASSWORD })).toMatchObject({ ok: false, formError: expect.stringMatching(/sign in/i) });
  });

  it("refuses a wrong current password at its field and changes nothing", async () => {
    signInAs(acme.users.ADMIN);
    const before = await stored(acme.users.ADMIN.id);
    expect(await change({ currentPassword: "not my password" })).toEqual({
      ok: false, fieldErrors: { currentPassword: ["The current password is incorrect."] },
    });
    expect(await stored(acme.users.ADMIN.id)).toEqual(before);
    expect(await sessionOf(acme.users.ADMIN)).not.toBeNull();
  });

  it("refuses a short or unconfirmed new password with field messages", async () => {
    signInAs(acme.users.ADMIN);
    const before = await stored(acme.users.ADMIN.id);
    expect(await change({ password: "short", confirmPassword: "short" })).toMatchObject({ ok: false, fieldErrors: { password: [expect.stringMatching(/12/)] } });
    expect(await change({ confirmPassword: "something else entirely" })).toMatchObject({ ok: false, fieldErrors: { confirmPassword: [expect.any(String)] } });
    expect(await stored(acme.users.ADMIN.id)).toEqual(before);
  });

  it("is refused when signed out and only ever changes the caller's own password", async () => {
    signInAs(null);
    expect(await change()).toMatchObject({ ok: false, formError: expect.stringMatching(/sign in/i) });
    // The input has no user id to smuggle: an extra one is ignored, the caller's password changes.
    signInAs(other.users.ADMIN);
    const acmeBefore = await stored(acme.users.ADMIN.id);
    const result = await followed(changeMyPasswordAction(undefined, form({
      currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, userId: acme.users.ADMIN.id, accountId: acme.account.id,
    })));
    expect(result).toEqual({ redirectedTo: "/sign-in?notice=passwordChanged" });
    expect(await stored(acme.users.ADMIN.id)).toEqual(acmeBefore);
    expect(await authenticate(getDb(), other.users.ADMIN.email, NEW_PASSWORD)).not.toBeNull();
  });
});

describe("sessions end on the next request", () => {
  it("when the user is suspended or deleted (a password change: above)", async () => {
    signInAs(acme.users.ADMIN);
    const { MEMBER: member, SUPPORT_STAFF: support } = acme.users;
    expect(await sessionOf(member)).not.toBeNull();
    const selection = (user: { id: string }) => ({ selection: { mode: "ids" as const, ids: [user.id] }, expectedCount: 1 });
    const elsewhere = await startTestSession(member.id);
    expect(await bulkSuspendAction(undefined, selection(member))).toMatchObject({ ok: true });
    expect(await sessionOf(member)).toBeNull();
    expect(await row(member.sessionId)).toMatchObject(REVOKED);
    expect(await row(elsewhere)).toMatchObject(REVOKED);
    expect((await row(acme.users.ADMIN.sessionId)).revokedAt).toBeNull(); // only the suspended user's

    expect(await sessionOf(support)).not.toBeNull();
    expect(await bulkDeleteAction(undefined, selection(support))).toMatchObject({ ok: true });
    expect(await sessionOf(support)).toBeNull();
    expect(await getDb().session.count({ where: { userId: support.id } })).toBe(0); // gone with the user
  });
});

describe("server-side sessions", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("refuses a session whose row was revoked, is gone, or belongs to another user", async () => {
    const admin = acme.users.ADMIN;
    expect(await sessionOf(admin)).toMatchObject({ id: admin.id, sessionId: admin.sessionId });
    await getDb().session.update({ where: { id: admin.sessionId }, data: { revokedAt: new Date() } });
    expect(await sessionOf(admin)).toBeNull(); // the JWT's user and version still match: the row decides

    expect(await sessionOf(admin, acme.users.MEMBER.sessionId)).toBeNull(); // another user's session
    expect(await sessionOf(admin, crypto.randomUUID())).toBeNull(); // no such row
    expect(await sessionOf(admin, "not-a-uuid")).toBeNull();
    expect(await sessionOf(acme.users.MEMBER)).not.toBeNull();
  });

  it("signing out revokes the session's row, is audited and goes to sign-in at APP_URL, not the Host", async () => {
    vi.stubEnv("APP_URL", "https://admin.example.com");
    const member = acme.users.MEMBER;
    const elsewhere = await startTestSession(member.id);
    signInAs(member);
    expect(await followed(signOutAction(undefined, {}))).toEqual({ redirectedTo: "https://admin.example.com/sign-in" });
    expect(await sessionOf(member)).toBeNull(); // a copy of the cookie no longer works
    expect(await row(member.sessionId)).toMatchObject(REVOKED);
    expect(await sessionOf(member, elsewhere)).not.toBeNull(); // only this session ended
    const events = await getDb().auditEvent.findMany({ where: { accountId: acme.account.id, action: "auth.signOut" } });
    expect(events).toMatchObject([{ actorId: member.id, targetType: "user", targetId: member.id }]);

    // Signing out with a session that no longer works still answers (and clears the cookie).
    expect(await followed(signOutAction(undefined, {}))).toEqual({ redirectedTo: "https://admin.example.com/sign-in" });
  });

  it("Sign out ends one of my other sessions; this one keeps working", async () => {
    const admin = acme.users.ADMIN;
    const laptop = await startTestSession(admin.id);
    const phone = await startTestSession(admin.id);
    signInAs(admin);
    expect(await revokeMySessionAction(undefined, { sessionId: laptop })).toEqual({ ok: true, data: { revoked: true } });
    expect(await sessionOf(admin, laptop)).toBeNull();
    expect(await sessionOf(admin, phone)).not.toBeNull();
    expect(await sessionOf(admin)).not.toBeNull();
    const events = await getDb().auditEvent.findMany({ where: { accountId: acme.account.id, action: "session.revoke" } });
    expect(events).toMatchObject([{ actorId: admin.id, targetType: "user", targetId: admin.id, after: { sessionId: laptop } }]);
  });

  it("Sign out can't end another user's session, in my account or another, nor this one", async () => {
    const admin = acme.users.ADMIN;
    signInAs(admin);
    for (const victim of [acme.users.MEMBER, acme.users.ACCOUNT_HOLDER, other.users.ADMIN]) {
      expect(await revokeMySessionAction(undefined, { sessionId: victim.sessionId })).toEqual({ ok: true, data: { revoked: false } });
      expect(await sessionOf(victim)).not.toBeNull();
      expect((await row(victim.sessionId)).revokedAt).toBeNull();
    }
    expect(await revokeMySessionAction(undefined, { sessionId: admin.sessionId })).toEqual({ ok: true, data: { revoked: false } });
    expect(await sessionOf(admin)).not.toBeNull(); // the account menu signs this one out
    expect(await revokeMySessionAction(undefined, { sessionId: "not-a-uuid" })).toMatchObject({ ok: false, fieldErrors: { sessionId: [expect.any(String)] } });
  });

  it("Sign out everywhere else ends all my other sessions and nobody else's", async () => {
    const member = acme.users.MEMBER;
    const others = [await startTestSession(member.id), await startTestSession(member.id)];
    signInAs(member);
    expect(await revokeMyOtherSessionsAction(undefined, {})).toEqual({ ok: true, data: { count: 2 } });
    for (const id of others) expect(await sessionOf(member, id)).toBeNull();
    expect(await sessionOf(member)).not.toBeNull();
    expect(await sessionOf(acme.users.ADMIN)).not.toBeNull();
    expect(await sessionOf(other.users.MEMBER)).not.toBeNull();
    const events = await getDb().auditEvent.findMany({ where: { accountId: acme.account.id, action: "session.revokeOthers" } });
    expect(events).toMatchObject([{ actorId: member.id, targetId: member.id, after: { count: 2 } }]);
    // A revoked session can't do it in turn.
    signInAs(member, others[0]);
    expect(await revokeMyOtherSessionsAction(undefined, {})).toMatchObject({ ok: false, formError: expect.stringMatching(/sign in/i) });
    expect(await sessionOf(member)).not.toBeNull();
  });

  it("writes lastSeenAt at most once a minute, and never brings a revoked session back", async () => {
    const admin = acme.users.ADMIN;
    const setLastSeen = (secondsAgo: number) =>
      getDb().$executeRaw`UPDATE "Session" SET "lastSeenAt" = now() - make_interval(secs => ${secondsAgo}) WHERE id = ${admin.sessionId}::uuid`;
    // xmin changes with every write of the row, even one that sets the same values.
    const version = async () => (await getDb().$queryRaw<{ v: string }[]>`SELECT xmin::text AS v FROM "Session" WHERE id = ${admin.sessionId}::uuid`)[0].v;

    await setLastSeen(30);
    const fresh = await version();
    await sessionOf(admin);
    expect(await version(), "seen 30 seconds ago: not written").toBe(fresh);

    await setLastSeen(120);
    const stale = await row(admin.sessionId);
    await Promise.all([sessionOf(admin), sessionOf(admin), sessionOf(admin)]);
    const seen = await row(admin.sessionId);
    expect(seen.lastSeenAt.getTime()).toBeGreaterThan(stale.lastSeenAt.getTime() + 100_000);
    const written = await version();
    for (let i = 0; i < 3; i++) await sessionOf(admin);
    expect(await version(), "just written: not again").toBe(written);
    expect((await row(admin.sessionId)).lastSeenAt).toEqual(seen.lastSeenAt);

    await setLastSeen(120);
    await getDb().session.update({ where: { id: admin.sessionId }, data: { revokedAt: new Date() } });
    expect(await sessionOf(admin)).toBeNull();
    expect(await row(admin.sessionId)).toMatchObject(REVOKED);
  });

  it("lists my live sessions, this device first: not revoked, not idle or too old, not anyone else's", async () => {
    const member = acme.users.MEMBER;
    const { idleSeconds, absoluteSeconds } = sessionLifetimes();
    const phoneAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
    const phone = await startTestSession(member.id, { userAgent: ` ${phoneAgent}${"x".repeat(400)}`, ip: "198.51.100.4" });
    const revoked = await startTestSession(member.id);
    await getDb().session.update({ where: { id: revoked }, data: { revokedAt: new Date() } });
    const idle = await startTestSession(member.id);
    await getDb().session.update({ where: { id: idle }, data: { lastSeenAt: new Date(Date.now() - (idleSeconds + 120) * 1000) } });
    const old = await startTestSession(member.id);
    await getDb().session.update({ where: { id: old }, data: { createdAt: new Date(Date.now() - (absoluteSeconds + 60) * 1000) } });
    const current = await startTestSession(member.id, { ip: "192.0.2.9" });

    const listed = await listLiveSessions(getDb(), member.id, current);
    expect(listed.map((s) => s.id)).toEqual([current, phone, member.sessionId]);
    expect(listed[0]).toMatchObject({ current: true, ip: "192.0.2.9", userAgent: TEST_USER_AGENT });
    expect(listed[1]).toMatchObject({ current: false, ip: "198.51.100.4" });
    expect(listed[1].userAgent).toHaveLength(300);
    expect(listed[1].userAgent.startsWith("Mozilla/5.0 (iPhone")).toBe(true);
  });
});

describe("session lifetimes and cookies", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("ends a session at the absolute lifetime however active it is", () => {
    const lifetimes = { idleSeconds: 60, absoluteSeconds: 3600 };
    const now = 1_800_000_000;
    expect(pastAbsoluteLifetime(now - 3599, now, lifetimes)).toBe(false);
    expect(pastAbsoluteLifetime(now - 3600, now, lifetimes)).toBe(true);
    expect(pastAbsoluteLifetime(undefined, now, lifetimes)).toBe(true); // a token from before lifetimes
  });

  it("reads both lifetimes from the environment, with defaults", () => {
    vi.stubEnv("SESSION_IDLE_MINUTES", undefined);
    vi.stubEnv("SESSION_MAX_AGE_HOURS", undefined);
    expect(sessionLifetimes()).toEqual({ idleSeconds: 3600, absoluteSeconds: 12 * 3600 });
    vi.stubEnv("SESSION_IDLE_MINUTES", "15");
    vi.stubEnv("SESSION_MAX_AGE_HOURS", "8");
    expect(sessionLifetimes()).toEqual({ idleSeconds: 900, absoluteSeconds: 8 * 3600 });
    vi.stubEnv("SESSION_IDLE_MINUTES", "nonsense");
    expect(sessionLifetimes().idleSeconds).toBe(3600);
  });

  it("names cookies with the __Host- prefix and marks them Secure over HTTPS only; always HttpOnly and SameSite=Lax", () => {
    const https = sessionCookies(true);
    expect(https.sessionToken).toEqual({ name: "__Host-central-admin.session", options: { httpOnly: true, sameSite: "lax", path: "/", secure: true } });
    expect(Object.values(https).every((c) => c.name.startsWith("__Host-") && c.options.secure)).toBe(true);
    const http = sessionCookies(false);
    expect(http.sessionToken).toEqual({ name: "central-admin.session", options: { httpOnly: true, sameSite: "lax", path: "/", secure: false } });
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { signInAs } from "../support/session";
import { followed } from "../support/redirects";
import { TEST_PASSWORD, twoTestAccounts, type TestAccount } from "../support/accounts";
import { changeMyPasswordAction } from "@/app/(app)/actions";
import { bulkDeleteAction, bulkSuspendAction } from "@/app/(app)/people/users/actions";
import { loadSessionUser } from "@/lib/auth/current-user";
import { authenticate } from "@/lib/auth/authenticate";
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

const sessionOf = (user: { id: string; sessionVersion: number }) => loadSessionUser(getDb(), { userId: user.id, sessionVersion: user.sessionVersion });
const stored = (id: string) => getDb().user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true, sessionVersion: true } });

describe("Change password", () => {
  it("changes the password, ends every session of the user and sends them to sign in again", async () => {
    const member = acme.users.MEMBER;
    signInAs(member);
    expect(await change()).toEqual({ redirectedTo: "/sign-in?notice=passwordChanged" });

    expect(await authenticate(getDb(), member.email, NEW_PASSWORD)).not.toBeNull();
    expect(await authenticate(getDb(), member.email, TEST_PASSWORD)).toBeNull();
    expect(await sessionOf(member)).toBeNull(); // the session it was changed from, and any other
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
    expect(await bulkSuspendAction(undefined, selection(member))).toMatchObject({ ok: true });
    expect(await sessionOf(member)).toBeNull();

    expect(await sessionOf(support)).not.toBeNull();
    expect(await bulkDeleteAction(undefined, selection(support))).toMatchObject({ ok: true });
    expect(await sessionOf(support)).toBeNull();
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

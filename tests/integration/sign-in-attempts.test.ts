// Sign-in through the action, as the form sends it: limits that hold under concurrency, and the
// audit events of successes and failures.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { requestHeaders } from "../support/sign-in";
import { followed } from "../support/redirects";
import { createTestAccount, TEST_PASSWORD, type TestAccount } from "../support/accounts";
import { getDb } from "@/lib/db/client";
import { CLIENT_IP_HEADER } from "@/lib/security/client-ip";

// Counts the argon2 verifications (every password check goes through verifyPassword), and those of a wrong guess.
const verifications = vi.hoisted(() => ({ count: 0, wrong: 0 }));
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/auth/password")>();
  return {
    ...actual,
    verifyPassword: async (...args: Parameters<typeof actual.verifyPassword>) => {
      verifications.count++;
      const valid = await actual.verifyPassword(...args);
      if (!valid) verifications.wrong++;
      return valid;
    },
  };
});

const { signInAction } = await import("@/app/sign-in/actions");

const TOO_MANY = /^Too many failed sign-ins\. Try again in \d+ minutes?\.$/;
const signIn = (email: string, password: string) => followed(signInAction(undefined, { email, password }));

let acme: TestAccount;
let ip: string;
let tests = 0;
beforeEach(async () => {
  acme = await createTestAccount();
  verifications.count = 0;
  verifications.wrong = 0;
  // Each test signs in from its own address, so one test's failures don't count against the next.
  ip = `198.51.100.${++tests}`;
  requestHeaders.set(CLIENT_IP_HEADER, ip);
});
afterEach(() => {
  vi.unstubAllEnvs();
  requestHeaders.delete(CLIENT_IP_HEADER);
});

describe("sign-in limits under concurrent attempts", () => {
  it("checks at most SIGN_IN_FAILURES_PER_EMAIL passwords of one email, however many attempts run at once", async () => {
    vi.stubEnv("SIGN_IN_FAILURES_PER_EMAIL", "3");
    vi.stubEnv("SIGN_IN_FAILURES_PER_IP", "1000");
    const email = acme.users.ADMIN.email;
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(email, i === 14 ? TEST_PASSWORD : `wrong guess ${i}`)));

    // At most 3 wrong guesses checked. Should the right password win a reservation, its success
    // forgets the email's failures (as a sequential success does), which lets at most 3 more in.
    const succeeded = results.some((r) => "redirectedTo" in r);
    expect(verifications.wrong).toBeLessThanOrEqual(succeeded ? 6 : 3);
    expect(verifications.count).toBeLessThanOrEqual(succeeded ? 7 : 3);
    const refusedByLimit = results.filter((r) => "formError" in r && TOO_MANY.test(String(r.formError)));
    expect(refusedByLimit.length).toBeGreaterThanOrEqual(succeeded ? 23 : 27);
    expect(await getDb().rateLimitEvent.count({ where: { key: `sign-in:email:${email}` } })).toBeLessThanOrEqual(3);
  });

  it("checks at most SIGN_IN_FAILURES_PER_IP passwords from one address, across emails, however many run at once", async () => {
    vi.stubEnv("SIGN_IN_FAILURES_PER_EMAIL", "1000");
    vi.stubEnv("SIGN_IN_FAILURES_PER_IP", "5");
    const emails = [acme.users.ADMIN.email, acme.users.MEMBER.email, ...Array.from({ length: 28 }, (_, i) => `nobody${i}@test.example`)];
    const results = await Promise.all(emails.map((email, i) => signIn(email, i === 1 ? TEST_PASSWORD : `wrong guess ${i}`)));

    // A success doesn't forget the address's failures: at most 5 wrong guesses, plus the right one if it got in.
    expect(verifications.wrong).toBeLessThanOrEqual(5);
    expect(verifications.count).toBeLessThanOrEqual(6);
    expect(results.filter((r) => "formError" in r && TOO_MANY.test(String(r.formError))).length).toBeGreaterThanOrEqual(24);
  });

  it("once an email is at its limit even the right password is refused, unchecked; a success before that forgets the email's failures", async () => {
    vi.stubEnv("SIGN_IN_FAILURES_PER_EMAIL", "3");
    vi.stubEnv("SIGN_IN_FAILURES_PER_IP", "1000");
    const email = acme.users.MEMBER.email;
    for (let i = 0; i < 2; i++) expect(await signIn(email, "wrong guess")).toEqual({ ok: false, formError: "The email or password is incorrect.", values: { email } });
    expect(await signIn(email, TEST_PASSWORD)).toEqual({ redirectedTo: "/" });
    expect(await getDb().rateLimitEvent.count({ where: { key: `sign-in:email:${email}` } })).toBe(0);

    for (let i = 0; i < 3; i++) await signIn(email, "wrong guess");
    verifications.count = 0;
    expect(await signIn(email, TEST_PASSWORD)).toEqual({ ok: false, formError: "Too many failed sign-ins. Try again in 15 minutes.", values: { email } });
    expect(verifications.count).toBe(0);
  });
});

describe("sign-in audit events", () => {
  const events = (action: string) =>
    getDb().auditEvent.findMany({ where: { action, accountId: acme.account.id }, orderBy: { createdAt: "asc" }, select: { accountId: true, actorId: true, action: true, targetType: true, targetId: true, before: true, after: true } });

  it("records a success in the user's account, by the user, with the client address", async () => {
    const member = acme.users.MEMBER;
    expect(await signIn(member.email, TEST_PASSWORD)).toEqual({ redirectedTo: "/" });
    const recorded = await events("auth.signIn");
    expect(recorded).toEqual([{ accountId: acme.account.id, actorId: member.id, action: "auth.signIn", targetType: "user", targetId: member.id, before: null, after: { ip } }]);
    expect(JSON.stringify(recorded)).not.toContain(TEST_PASSWORD);
  });

  it("records each failure of a user's email by the system, with the address and the reason, never the password; nothing for an unknown email", async () => {
    const { ADMIN: admin, SUPPORT_STAFF: support } = acme.users;
    // The refusal gives the email back, for the form to show again.
    const INCORRECT = (email: string) => ({ ok: false, formError: "The email or password is incorrect.", values: { email } });
    expect(await signIn(admin.email, "my secret guess 1")).toEqual(INCORRECT(admin.email));
    await getDb().user.update({ where: { id: support.id }, data: { status: "SUSPENDED" } });
    expect(await signIn(support.email, TEST_PASSWORD)).toEqual(INCORRECT(support.email)); // the same answer as a wrong password
    expect(await signIn("nobody-here@test.example", "my secret guess 2")).toEqual(INCORRECT("nobody-here@test.example"));

    const recorded = await events("auth.signInFailed");
    expect(recorded).toEqual([
      { accountId: acme.account.id, actorId: null, action: "auth.signInFailed", targetType: "user", targetId: admin.id, before: null, after: { ip, reason: "password" } },
      { accountId: acme.account.id, actorId: null, action: "auth.signInFailed", targetType: "user", targetId: support.id, before: null, after: { ip, reason: "suspended" } },
    ]);
    const everything = JSON.stringify(await getDb().auditEvent.findMany());
    for (const secret of ["my secret guess", TEST_PASSWORD]) expect(everything).not.toContain(secret);
  });

  it("records a refusal by the limit once per window, not once per refused attempt", async () => {
    vi.stubEnv("SIGN_IN_FAILURES_PER_EMAIL", "2");
    vi.stubEnv("SIGN_IN_FAILURES_PER_IP", "1000");
    const admin = acme.users.ADMIN;
    for (let i = 0; i < 2; i++) await signIn(admin.email, `wrong guess ${i}`);
    const refused = await Promise.all(Array.from({ length: 10 }, () => signIn(admin.email, "wrong guess")));
    expect(refused.every((r) => "formError" in r && TOO_MANY.test(String(r.formError)))).toBe(true);

    const reasons = (await events("auth.signInFailed")).map((e) => (e.after as { reason: string }).reason);
    expect(reasons).toEqual(["password", "password", "limited"]);
  });
});

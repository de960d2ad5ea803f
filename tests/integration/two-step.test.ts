// Two-step verification: the authenticator app (setup, codes with a controlled clock, replay),
// recovery codes, the pending sign-in state between password and code, and that no secret leaks.
import { spawnSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cookieJar, PENDING_COOKIE, requestHeaders, sessionsIssued } from "../support/sign-in";
import { signInAs } from "../support/session";
import { followed } from "../support/redirects";
import { createTestAccount, TEST_PASSWORD, type TestAccount } from "../support/accounts";
import { confirmTotpAction, regenerateRecoveryCodesAction, removeTotpAction, startTotpAction } from "@/app/(app)/profile/security/actions";
import { signInAction } from "@/app/sign-in/actions";
import { verifyRecoveryCodeSignInAction, verifyTotpSignInAction } from "@/app/sign-in/verify/actions";
import { authenticate } from "@/lib/auth/authenticate";
import { readPendingSignIn } from "@/lib/auth/pending-sign-in";
import { encodePendingToken } from "@/lib/auth/pending-token";
import { recoveryCodesLeft } from "@/lib/auth/recovery-codes";
import { hotp, totpCode, totpStep } from "@/lib/auth/totp";
import { acceptTotpCode } from "@/lib/auth/totp-factor";
import { getDb } from "@/lib/db/client";
import { open } from "@/lib/security/secret-box";
import { CLIENT_IP_HEADER } from "@/lib/security/client-ip";
import en from "@/messages/en.json";

type User = TestAccount["users"]["MEMBER"];
type Result = { ok: boolean; data?: unknown; formError?: string; fieldErrors?: Record<string, string[]> } | { redirectedTo: string };

const TOO_MANY = /^Too many failed sign-ins\. Try again in \d+ minutes?\.$/;
const INVALID_CODE = { ok: false, formError: en.errors.invalidCode };
const EXPIRED = { ok: false, formError: en.errors.signInExpired };

const call = (action: (prev: unknown, input: Record<string, unknown>) => Promise<unknown>, input: Record<string, unknown> = {}) =>
  followed(action(undefined, input)) as Promise<Result>;
const signInWithPassword = (user: User, password = TEST_PASSWORD) => call(signInAction, { email: user.email, password });
const verifyTotp = (code: string) => call(verifyTotpSignInAction, { code });
const verifyRecovery = (code: string) => call(verifyRecoveryCodeSignInAction, { code });

/** Debian's oathtool at a moment (UTC): an independent implementation. */
function oathtool(secret: string, at: Date): string {
  const moment = at.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
  const run = spawnSync("oathtool", ["--totp", "-b", secret, "--now", moment], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`oathtool failed: ${run.stderr || run.error}`);
  return run.stdout.trim();
}

const userRow = (id: string) => getDb().user.findUniqueOrThrow({ where: { id } });

/** Sets up the user's authenticator app through the actions; returns its secret and the recovery codes shown. */
async function enrol(user: User) {
  signInAs(user);
  expect(await call(startTotpAction)).toEqual({ ok: true, data: { started: true } });
  const secret = open((await userRow(user.id)).totpPendingSecret!);
  const confirmed = await call(confirmTotpAction, { code: totpCode(secret) });
  expect(confirmed).toMatchObject({ ok: true });
  signInAs(null);
  return { secret, recoveryCodes: (confirmed as { data: { recoveryCodes: string[] } }).data.recoveryCodes };
}

/** A code of the secret for a step later than any used: the test doesn't wait for the clock. */
const nextCode = (secret: string, offset = 1) => hotp(secret, totpStep() + offset);

let acme: TestAccount;
let tests = 0;
beforeEach(async () => {
  acme = await createTestAccount();
  cookieJar.clear();
  signInAs(null);
  requestHeaders.set(CLIENT_IP_HEADER, `198.51.100.${++tests}`);
});
afterEach(() => {
  vi.unstubAllEnvs();
  requestHeaders.delete(CLIENT_IP_HEADER);
});

describe("setting up the authenticator app", () => {
  it("keeps a sealed pending secret, confirms it with a code (spaces allowed), and issues 10 recovery codes once", async () => {
    const member = acme.users.MEMBER;
    signInAs(member);
    const started = await call(startTotpAction);
    expect(started).toEqual({ ok: true, data: { started: true } });
    const pending = (await userRow(member.id)).totpPendingSecret!;
    const secret = open(pending);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(pending).not.toContain(secret); // sealed at rest
    expect((await userRow(member.id)).twoStepEnabled).toBe(false);

    const step = totpStep(); // the code's own step: the clock may cross a boundary before the row is read
    const code = hotp(secret, step);
    const confirmed = await call(confirmTotpAction, { code: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(confirmed).toMatchObject({ ok: true });
    const codes = (confirmed as { data: { recoveryCodes: string[] } }).data.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}$/);

    const row = await userRow(member.id);
    expect(row).toMatchObject({ twoStepEnabled: true, totpPendingSecret: null, totpLastStep: BigInt(step) });
    expect(open(row.totpSecret!)).toBe(secret);
    expect(row.totpEnabledAt).toBeInstanceOf(Date);
    // Stored only as digests.
    const stored = await getDb().recoveryCode.findMany({ where: { userId: member.id } });
    expect(stored).toHaveLength(10);
    for (const c of codes) expect(JSON.stringify(stored)).not.toContain(c.replace("-", ""));

    // The code that confirmed can't confirm again, nor does a second confirmation find a setup.
    expect(await call(confirmTotpAction, { code })).toEqual({ ok: false, formError: en.errors.totpSetupNotStarted });
  });

  it("refuses a wrong code, letters, 7 digits and empty with a message at the field, changing nothing", async () => {
    const member = acme.users.MEMBER;
    signInAs(member);
    await call(startTotpAction);
    const secret = open((await userRow(member.id)).totpPendingSecret!);
    const before = await userRow(member.id);
    const wrong = String((Number(totpCode(secret)) + 500_000) % 1_000_000).padStart(6, "0");
    const cases: [string, string][] = [
      [wrong, en.errors.invalidCode],
      ["12a456", en.validation.totpCode],
      ["1234567", en.validation.totpCode],
      ["", en.validation.required],
      [" - ", en.validation.required],
    ];
    for (const [code, message] of cases) expect(await call(confirmTotpAction, { code }), code).toEqual({ ok: false, fieldErrors: { code: [message] } });
    expect(await userRow(member.id)).toEqual(before);
  });

  it("is removed with the password; then sign-in is one step again and the recovery codes are gone", async () => {
    const member = acme.users.MEMBER;
    await enrol(member);
    signInAs(member);
    expect(await call(removeTotpAction, { password: "not my password" })).toEqual({ ok: false, fieldErrors: { password: [en.errors.wrongCurrentPassword] } });
    expect((await userRow(member.id)).twoStepEnabled).toBe(true);
    expect(await call(removeTotpAction, { password: TEST_PASSWORD })).toEqual({ ok: true, data: { removed: true } });
    expect(await userRow(member.id)).toMatchObject({ twoStepEnabled: false, totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    expect(await getDb().recoveryCode.count({ where: { userId: member.id } })).toBe(0);
    signInAs(null);
    expect(await signInWithPassword(member)).toEqual({ redirectedTo: "/" });
  });

  it("can't remove the last factor while the account's policy covers the user", async () => {
    const admin = acme.users.ADMIN;
    await enrol(admin);
    await getDb().account.update({ where: { id: acme.account.id }, data: { twoStepPolicy: "ADMINS" } });
    signInAs(admin);
    const before = await userRow(admin.id);
    expect(await call(removeTotpAction, { password: TEST_PASSWORD })).toEqual({ ok: false, formError: en.errors.twoStepRequired });
    expect(await userRow(admin.id)).toEqual(before);
    expect(await recoveryCodesLeft(getDb(), admin.id)).toBe(10);
  });
});

describe("the authenticator app's codes", () => {
  it("accept the current step and one either side, not two away, with a clock under the test's control", async () => {
    const { secret } = await enrol(acme.users.MEMBER);
    const id = acme.users.MEMBER.id;
    const later = new Date(Date.now() + 3_600_000); // past the step used to confirm
    const step = totpStep(later);
    for (const offset of [-2, 2]) expect(await acceptTotpCode(getDb(), id, hotp(secret, step + offset), later), `offset ${offset}`).toBe(false);
    expect(await acceptTotpCode(getDb(), id, hotp(secret, step - 1), later)).toBe(true);
    expect(await acceptTotpCode(getDb(), id, hotp(secret, step), later)).toBe(true);
    expect(await acceptTotpCode(getDb(), id, hotp(secret, step + 1), later)).toBe(true);
    expect((await userRow(id)).totpLastStep).toBe(BigInt(step + 1));
  });

  it("are refused the second time, and an earlier step after a later one; two racing requests use a code once", async () => {
    const { secret } = await enrol(acme.users.MEMBER);
    const id = acme.users.MEMBER.id;
    const later = new Date(Date.now() + 7_200_000);
    const code = totpCode(secret, later);
    const raced = await Promise.all(Array.from({ length: 5 }, () => acceptTotpCode(getDb(), id, code, later)));
    expect(raced.filter(Boolean)).toHaveLength(1);
    expect(await acceptTotpCode(getDb(), id, code, later)).toBe(false);
    expect(await acceptTotpCode(getDb(), id, hotp(secret, totpStep(later) - 1), later)).toBe(false);
  });

  it("match oathtool's at the same moments", async () => {
    const { secret } = await enrol(acme.users.MEMBER);
    const id = acme.users.MEMBER.id;
    for (const hours of [3, 5, 8]) {
      const at = new Date(Math.floor(Date.now() / 1000) * 1000 + hours * 3_600_000);
      const code = oathtool(secret, at);
      expect(code).toBe(totpCode(secret, at));
      expect(await acceptTotpCode(getDb(), id, code, at)).toBe(true);
    }
  });
});

describe("signing in with two steps", () => {
  it("the right password gives a pending state, not a session; the code completes the sign-in, audited with its method", async () => {
    const member = acme.users.MEMBER;
    const { secret } = await enrol(member);
    const sessions = () => sessionsIssued.filter((id) => id === member.id).length;
    const before = sessions();

    expect(await signInWithPassword(member, "a wrong password")).toEqual({ ok: false, formError: en.errors.invalidCredentials, values: { email: member.email } });
    expect(cookieJar.has(PENDING_COOKIE)).toBe(false);
    expect(await signInWithPassword(member)).toEqual({ redirectedTo: "/sign-in/verify" });
    expect(cookieJar.get(PENDING_COOKIE)).toBeTruthy();
    expect(sessions()).toBe(before);
    expect(await getDb().auditEvent.count({ where: { action: "auth.signIn", targetId: member.id } })).toBe(0);
    expect(await readPendingSignIn()).toEqual({ userId: member.id, email: member.email, sessionVersion: member.sessionVersion, callbackUrl: "/" });

    const code = nextCode(secret);
    expect(await verifyTotp(`${code.slice(0, 3)}-${code.slice(3)}`)).toEqual({ redirectedTo: "/" });
    expect(sessions()).toBe(before + 1);
    expect(cookieJar.has(PENDING_COOKIE)).toBe(false);
    const events = await getDb().auditEvent.findMany({ where: { accountId: acme.account.id, action: { startsWith: "auth.signIn" } }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.action, e.actorId, e.after])).toEqual([
      ["auth.signInFailed", null, { ip: expect.any(String), reason: "password" }],
      ["auth.signIn", member.id, { ip: expect.any(String), method: "totp" }],
    ]);

    // The same code again, with a new pending state: refused.
    expect(await signInWithPassword(member)).toEqual({ redirectedTo: "/sign-in/verify" });
    expect(await verifyTotp(code)).toEqual(INVALID_CODE);
    const failed = await getDb().auditEvent.findFirst({ where: { action: "auth.signInFailed", targetId: member.id }, orderBy: { createdAt: "desc" } });
    expect(failed?.after).toEqual({ ip: expect.any(String), reason: "secondStep", method: "totp" });
  });

  it("keeps the callback path through the pending state", async () => {
    const member = acme.users.MEMBER;
    const { secret } = await enrol(member);
    expect(await call(signInAction, { email: member.email, password: TEST_PASSWORD, callbackUrl: "/profile/security" })).toEqual({ redirectedTo: "/sign-in/verify" });
    expect(await verifyTotp(nextCode(secret))).toEqual({ redirectedTo: "/profile/security" });
  });

  it("counts wrong codes against the sign-in limits; a right password doesn't reset them; then the right code is refused", async () => {
    vi.stubEnv("SIGN_IN_FAILURES_PER_EMAIL", "3");
    const member = acme.users.MEMBER;
    const { secret } = await enrol(member);
    const enrolledStep = (await userRow(member.id)).totpLastStep;
    const wrong = (n: number) => String((Number(nextCode(secret)) + 1000 * n) % 1_000_000).padStart(6, "0");
    expect(await signInWithPassword(member)).toEqual({ redirectedTo: "/sign-in/verify" });
    expect(await verifyTotp(wrong(1))).toEqual(INVALID_CODE);
    expect(await verifyTotp(wrong(2))).toEqual(INVALID_CODE);
    expect(await signInWithPassword(member)).toEqual({ redirectedTo: "/sign-in/verify" });
    expect(await verifyTotp(wrong(3))).toEqual(INVALID_CODE);
    const refused = await verifyTotp(nextCode(secret));
    expect(refused).toMatchObject({ ok: false, formError: expect.stringMatching(TOO_MANY) });
    expect(sessionsIssued).not.toContain(member.id);
    expect((await userRow(member.id)).totpLastStep).toBe(enrolledStep); // the refused code wasn't used
  });

  it("signs in with a recovery code once (any case, with or without the dash); N left; regenerate voids the old set", async () => {
    const member = acme.users.MEMBER;
    const { recoveryCodes } = await enrol(member);
    expect(await signInWithPassword(member)).toEqual({ redirectedTo: "/sign-in/verify" });
    expect(await verifyRecovery(` ${recoveryCodes[0].toUpperCase()} `)).toEqual({ redirectedTo: "/" });
    expect(await recoveryCodesLeft(getDb(), member.id)).toBe(9);
    const signedIn = await getDb().auditEvent.findFirst({ where: { action: "auth.signIn", targetId: member.id } });
    expect(signedIn?.after).toEqual({ ip: expect.any(String), method: "recoveryCode" });

    expect(await signInWithPassword(member)).toEqual({ redirectedTo: "/sign-in/verify" });
    expect(await verifyRecovery(recoveryCodes[0])).toEqual(INVALID_CODE);
    expect(await verifyRecovery(recoveryCodes[1].replace("-", ""))).toEqual({ redirectedTo: "/" });
    expect(await recoveryCodesLeft(getDb(), member.id)).toBe(8);

    signInAs(member);
    const regenerated = await call(regenerateRecoveryCodesAction);
    const fresh = (regenerated as { data: { recoveryCodes: string[] } }).data.recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(await recoveryCodesLeft(getDb(), member.id)).toBe(10);
    signInAs(null);
    expect(await signInWithPassword(member)).toEqual({ redirectedTo: "/sign-in/verify" });
    expect(await verifyRecovery(recoveryCodes[2])).toEqual(INVALID_CODE);
    expect(await verifyRecovery(fresh[0])).toEqual({ redirectedTo: "/" });
  });

  it("refuses codes of the wrong shape at the field, counting nothing", async () => {
    const member = acme.users.MEMBER;
    await enrol(member);
    await signInWithPassword(member);
    for (const [code, message] of [["12a456", en.validation.totpCode], ["1234567", en.validation.totpCode], ["", en.validation.required]]) {
      expect(await verifyTotp(code), code).toEqual({ ok: false, fieldErrors: { code: [message] } });
    }
    for (const [code, message] of [["abcde-2345", en.validation.recoveryCode], ["", en.validation.required]]) {
      expect(await verifyRecovery(code), code).toEqual({ ok: false, fieldErrors: { code: [message] } });
    }
    expect(await getDb().rateLimitEvent.count({ where: { key: `sign-in:email:${member.email}` } })).toBe(0);
  });

  it("never signs a two-step user in with the password alone (the invitation path's email + password)", async () => {
    const member = acme.users.MEMBER;
    await enrol(member);
    expect(await authenticate(getDb(), member.email, TEST_PASSWORD)).toBeNull();
  });
});

describe("the pending state", () => {
  it("is refused when missing, forged, expired, another user's, or after the user's sessions were ended", async () => {
    const member = acme.users.MEMBER;
    const admin = acme.users.ADMIN;
    const { secret } = await enrol(member);
    await enrol(admin);
    const pendingFor = (user: User, now = Date.now()) => encodePendingToken({ userId: user.id, sessionVersion: user.sessionVersion, callbackUrl: "/" }, now);

    expect(await verifyTotp(nextCode(secret))).toEqual(EXPIRED); // no pending state at all

    const genuine = pendingFor(member);
    const [payload, signature] = genuine.split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), u: admin.id })).toString("base64url");
    for (const forged of [`${forgedPayload}.${signature}`, `${payload}.${signature.slice(0, -2)}AA`, `${payload}.`, "garbage", ""]) {
      cookieJar.set(PENDING_COOKIE, forged);
      expect(await readPendingSignIn(), forged).toBeNull();
      expect(await verifyTotp(nextCode(secret))).toEqual(EXPIRED);
    }

    cookieJar.set(PENDING_COOKIE, pendingFor(member, Date.now() - 5 * 60_000 - 1000)); // issued over 5 minutes ago
    expect(await verifyTotp(nextCode(secret))).toEqual(EXPIRED);

    cookieJar.set(PENDING_COOKIE, pendingFor(admin)); // the admin's pending state, the member's code
    expect(await verifyTotp(nextCode(secret))).toEqual(INVALID_CODE);

    cookieJar.set(PENDING_COOKIE, pendingFor(member));
    await getDb().user.update({ where: { id: member.id }, data: { sessionVersion: { increment: 1 } } }); // password changed, say
    expect(await verifyTotp(nextCode(secret))).toEqual(EXPIRED);

    const fresh = await userRow(member.id);
    cookieJar.set(PENDING_COOKIE, encodePendingToken({ userId: member.id, sessionVersion: fresh.sessionVersion, callbackUrl: "/" }));
    await getDb().user.update({ where: { id: member.id }, data: { status: "SUSPENDED" } });
    expect(await verifyTotp(nextCode(secret))).toEqual(EXPIRED);

    expect(sessionsIssued).not.toContain(member.id);
  });

  it("is not a session: the signed-in pages and actions don't see it", async () => {
    const member = acme.users.MEMBER;
    await enrol(member);
    await signInWithPassword(member);
    expect(cookieJar.has(PENDING_COOKIE)).toBe(true);
    const { getCurrentUser } = await import("@/lib/auth/current-user");
    expect(await getCurrentUser()).toBeNull();
    expect(await call(startTotpAction)).toEqual({ ok: false, formError: en.errors.signedOut });
  });
});

describe("rotating the encryption key (decision 0020)", () => {
  it("opens values sealed under ENCRYPTION_KEY_PREVIOUS, re-seals a TOTP secret on use, and matches old recovery codes", async () => {
    const member = acme.users.MEMBER;
    vi.stubEnv("ENCRYPTION_KEY", "the old encryption key material");
    const { secret, recoveryCodes } = await enrol(member);
    const sealedOld = (await userRow(member.id)).totpSecret!;

    vi.stubEnv("ENCRYPTION_KEY", "the new encryption key material");
    expect(() => open(sealedOld)).toThrow(); // the new key alone can't open it
    vi.stubEnv("ENCRYPTION_KEY_PREVIOUS", "the old encryption key material");
    expect(open(sealedOld)).toBe(secret);

    const later = new Date(Date.now() + 3_600_000);
    expect(await acceptTotpCode(getDb(), member.id, totpCode(secret, later), later)).toBe(true);
    const resealed = (await userRow(member.id)).totpSecret!;
    expect(resealed).not.toBe(sealedOld);
    await expect(signInWithPassword(member)).resolves.toEqual({ redirectedTo: "/sign-in/verify" });
    expect(await verifyRecovery(recoveryCodes[0])).toEqual({ redirectedTo: "/" }); // a digest under the old key

    vi.stubEnv("ENCRYPTION_KEY_PREVIOUS", "");
    expect(open(resealed)).toBe(secret); // now under the new key only
    expect(() => open(sealedOld)).toThrow();
  });
});

describe("secrets", () => {
  it("never reach an audit event, the outbox, or an action result other than the codes shown once", async () => {
    const member = acme.users.MEMBER;
    signInAs(member);
    const started = await call(startTotpAction);
    const secret = open((await userRow(member.id)).totpPendingSecret!);
    const confirmed = await call(confirmTotpAction, { code: totpCode(secret) });
    const { recoveryCodes } = (confirmed as { data: { recoveryCodes: string[] } }).data;
    const regenerated = await call(regenerateRecoveryCodesAction);
    const fresh = (regenerated as { data: { recoveryCodes: string[] } }).data.recoveryCodes;
    signInAs(null);
    const signIn = await signInWithPassword(member);
    const code = nextCode(secret);
    const verified = await verifyTotp(code);
    await signInWithPassword(member);
    const recovered = await verifyRecovery(fresh[0]);

    const secrets = [secret, secret.toLowerCase(), code, ...recoveryCodes, ...fresh, ...[...recoveryCodes, ...fresh].map((c) => c.replace("-", ""))];
    const audit = JSON.stringify(await getDb().auditEvent.findMany({ where: { accountId: acme.account.id }, select: { action: true, before: true, after: true, targetId: true } }));
    const outbox = JSON.stringify(await getDb().outboxEmail.findMany({ where: { accountId: acme.account.id } }));
    const results = JSON.stringify([started, signIn, verified, recovered]);
    for (const value of secrets) {
      expect(audit, "audit events").not.toContain(value);
      expect(outbox, "outbox").not.toContain(value);
      expect(results, "action results").not.toContain(value);
    }
    expect(audit).toContain("twoStep.totpConfirm");
    expect(audit).toContain("twoStep.recoveryCodesRegenerate");
    // The shown-once codes are in the one result that issued them, and the secret is in none.
    expect(JSON.stringify(confirmed)).not.toContain(secret);
    expect(JSON.stringify(regenerated)).not.toContain(secret);
  });
});

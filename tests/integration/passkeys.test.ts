// Passkeys (lib/auth/passkeys.ts and its actions) against a software authenticator that builds
// real WebAuthn responses (tests/support/soft-authenticator.ts): registration, sign-in
// verification, replays, other users' credentials and challenges, counters, ownership, policy.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { signInAs } from "../support/session";
import { followed } from "../support/redirects";
import { createTestAccount, type TestAccount } from "../support/accounts";
import { databaseFingerprint } from "../support/db-snapshot";
import { SoftAuthenticator } from "../support/soft-authenticator";
import { passkeyOptionsAction, passkeyRegisterAction, passkeyRemoveAction, passkeyRenameAction } from "@/app/(app)/profile/security/passkey-actions";
import { passkeyOptionsForSignInAction, passkeyVerifyAction } from "@/app/sign-in/verify/passkey-actions";
import {
  listPasskeys,
  passkeyRegistrationOptions,
  passkeySignInOptions,
  registerPasskey,
  relyingParty,
  removePasskey,
  renamePasskey,
  verifyPasskeySignIn,
} from "@/lib/auth/passkeys";
import type { PendingSignIn } from "@/lib/auth/pending-sign-in";
import { getDb } from "@/lib/db/client";
import { isolate } from "@/lib/bidi";
import en from "@/messages/en.json";

// A stand-in for the pending sign-in (the twostep helper's lib/auth/pending-sign-in.ts): whom the
// second step is for, and a completeSecondStep that runs the check and redirects home when it passes.
const secondStep = vi.hoisted(() => ({ pending: null as PendingSignIn | null, checks: [] as { method: string; passed: boolean }[] }));
vi.mock("@/lib/auth/pending-sign-in", async () => {
  const { redirect } = await import("next/navigation");
  const { getDb: db } = await import("@/lib/db/client");
  const { UserFacingError } = await import("@/lib/actions/errors");
  return {
    readPendingSignIn: async () => secondStep.pending,
    async completeSecondStep(method: string, check: (pending: PendingSignIn, db: unknown) => Promise<boolean>) {
      if (!secondStep.pending) throw new UserFacingError("errors.signedOut");
      const passed = await check(secondStep.pending, db());
      secondStep.checks.push({ method, passed });
      if (passed) redirect("/");
      throw new UserFacingError("errors.forbidden");
    },
  };
});

const ORIGIN = "http://localhost:3451";
let acme: TestAccount;
let other: TestAccount;

beforeAll(() => {
  process.env.APP_URL = ORIGIN;
});

beforeEach(async () => {
  acme = await createTestAccount("Acme");
  other = await createTestAccount("Other");
  signInAs(null);
  secondStep.pending = null;
  secondStep.checks = [];
});

type User = TestAccount["users"]["MEMBER"];
const db = () => getDb();
const inTx = <T>(work: (tx: Parameters<Parameters<ReturnType<typeof getDb>["$transaction"]>[0]>[0]) => Promise<T>) => db().$transaction(work);
const userRow = (id: string) => db().user.findUniqueOrThrow({ where: { id } });
const passkeysOf = (userId: string) => db().passkey.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });

/** Registers a new software passkey for the user through the data layer. */
async function enrol(user: User, name = "Laptop", authenticator = new SoftAuthenticator(ORIGIN)) {
  const options = await passkeyRegistrationOptions(db(), user);
  const passkey = await inTx((tx) => registerPasskey(tx, user.id, name, authenticator.register(options)));
  return { authenticator, passkey };
}

/** A sign-in challenge for the user, answered by the authenticator. */
async function assertion(user: User, authenticator: SoftAuthenticator, ceremony: Parameters<SoftAuthenticator["assert"]>[1] = {}) {
  const options = await passkeySignInOptions(db(), user.id);
  return authenticator.assert(options, ceremony);
}

describe("the relying party", () => {
  it("comes from APP_URL: its host name and its origin", () => {
    expect(relyingParty()).toMatchObject({ id: "localhost", origin: ORIGIN });
  });
});

describe("registration", () => {
  it("stores the passkey (credential id, public key, counter, transports, name) and turns two-step on", async () => {
    const user = acme.users.MEMBER;
    expect((await userRow(user.id)).twoStepEnabled).toBe(false);
    const options = await passkeyRegistrationOptions(db(), user);
    expect(options.rp).toEqual({ name: "Central Admin", id: "localhost" });
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "preferred", userVerification: "preferred" });
    expect(options.excludeCredentials).toEqual([]);
    const authenticator = new SoftAuthenticator(ORIGIN);
    const result = await inTx((tx) => registerPasskey(tx, user.id, "Laptop", authenticator.register(options)));
    expect(result).toEqual({ id: expect.any(String), name: "Laptop" });
    const [row] = await passkeysOf(user.id);
    expect(row).toMatchObject({ id: result.id, credentialId: authenticator.id, counter: 0n, transports: ["internal"], name: "Laptop", lastUsedAt: null });
    expect(row.publicKey.length).toBeGreaterThan(64);
    expect((await userRow(user.id)).twoStepEnabled).toBe(true);
    // The challenge is gone once used.
    expect(await db().webAuthnChallenge.count({ where: { userId: user.id } })).toBe(0);
  });

  it("allows several passkeys, each excluded from the next registration's options", async () => {
    const user = acme.users.MEMBER;
    const first = await enrol(user, "Laptop");
    const second = await enrol(user, "Security key");
    const options = await passkeyRegistrationOptions(db(), user);
    expect(options.excludeCredentials?.map((c) => c.id)).toEqual([first.authenticator.id, second.authenticator.id]);
    expect((await listPasskeys(db(), user.id)).map((p) => p.name)).toEqual(["Laptop", "Security key"]);
  });

  it("keeps one live challenge per user and purpose: a new request voids the last one", async () => {
    const user = acme.users.MEMBER;
    const first = await passkeyRegistrationOptions(db(), user);
    await passkeyRegistrationOptions(db(), user);
    expect(await db().webAuthnChallenge.count({ where: { userId: user.id, purpose: "register" } })).toBe(1);
    const refused = inTx((tx) => registerPasskey(tx, user.id, "Laptop", new SoftAuthenticator(ORIGIN).register(first)));
    await expect(refused).rejects.toMatchObject({ messageKey: "errors.passkeyNotVerified" });
  });

  it("refuses a replayed registration response: the challenge was used", async () => {
    const user = acme.users.MEMBER;
    const authenticator = new SoftAuthenticator(ORIGIN);
    const response = authenticator.register(await passkeyRegistrationOptions(db(), user));
    await inTx((tx) => registerPasskey(tx, user.id, "Laptop", response));
    await expect(inTx((tx) => registerPasskey(tx, user.id, "Again", response))).rejects.toMatchObject({ messageKey: "errors.passkeyNotVerified" });
    expect((await passkeysOf(user.id)).map((p) => p.name)).toEqual(["Laptop"]);
  });

  it("refuses an answer to another user's challenge, and leaves that user's challenge alone", async () => {
    const user = acme.users.MEMBER;
    await passkeyRegistrationOptions(db(), user); // the user's own, not the one answered
    const theirs = await passkeyRegistrationOptions(db(), other.users.MEMBER);
    const response = new SoftAuthenticator(ORIGIN).register(theirs);
    await expect(inTx((tx) => registerPasskey(tx, user.id, "Laptop", response))).rejects.toMatchObject({ messageKey: "errors.passkeyNotVerified" });
    expect(await passkeysOf(user.id)).toEqual([]);
    expect((await userRow(user.id)).twoStepEnabled).toBe(false);
    expect(await db().webAuthnChallenge.count({ where: { userId: other.users.MEMBER.id } })).toBe(1);
  });

  it("refuses an expired challenge", async () => {
    const user = acme.users.MEMBER;
    const options = await passkeyRegistrationOptions(db(), user);
    await db().webAuthnChallenge.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const response = new SoftAuthenticator(ORIGIN).register(options);
    await expect(inTx((tx) => registerPasskey(tx, user.id, "Laptop", response))).rejects.toMatchObject({ messageKey: "errors.passkeyNotVerified" });
    expect(await passkeysOf(user.id)).toEqual([]);
  });

  it("refuses a response made for another origin or relying party", async () => {
    const user = acme.users.MEMBER;
    for (const ceremony of [{ origin: "http://localhost:9999" }, { origin: "https://evil.example" }, { rpId: "evil.example" }, { type: "webauthn.get" }]) {
      const response = new SoftAuthenticator(ORIGIN).register(await passkeyRegistrationOptions(db(), user), ceremony);
      await expect(inTx((tx) => registerPasskey(tx, user.id, "Laptop", response)), JSON.stringify(ceremony)).rejects.toMatchObject({ messageKey: "errors.passkeyNotVerified" });
    }
    expect(await passkeysOf(user.id)).toEqual([]);
  });

  it("refuses a credential another user already registered", async () => {
    const { authenticator } = await enrol(other.users.MEMBER);
    const response = authenticator.register(await passkeyRegistrationOptions(db(), acme.users.MEMBER));
    await expect(inTx((tx) => registerPasskey(tx, acme.users.MEMBER.id, "Copied", response))).rejects.toMatchObject({ messageKey: "errors.passkeyAlreadyAdded" });
    expect(await passkeysOf(acme.users.MEMBER.id)).toEqual([]);
  });
});

describe("sign-in verification", () => {
  it("accepts the user's passkey once per challenge, moving the counter and lastUsedAt", async () => {
    const user = acme.users.MEMBER;
    const { authenticator } = await enrol(user);
    const options = await passkeySignInOptions(db(), user.id);
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([authenticator.id]);
    expect(options.rpId).toBe("localhost");
    const response = authenticator.assert(options);
    expect(await verifyPasskeySignIn(db(), user.id, response)).toBe(true);
    const [row] = await passkeysOf(user.id);
    expect(row.counter).toBe(1n);
    expect(row.lastUsedAt).toBeInstanceOf(Date);
    // The same answer again: its challenge is used up.
    expect(await verifyPasskeySignIn(db(), user.id, response)).toBe(false);
    // A new challenge works again.
    expect(await verifyPasskeySignIn(db(), user.id, await assertion(user, authenticator))).toBe(true);
  });

  it("refuses another user's credential, even over this user's own challenge", async () => {
    const user = acme.users.MEMBER;
    await enrol(user);
    const { authenticator: theirs } = await enrol(other.users.MEMBER);
    const options = await passkeySignInOptions(db(), user.id);
    expect(await verifyPasskeySignIn(db(), user.id, theirs.assert(options))).toBe(false);
    expect((await passkeysOf(other.users.MEMBER.id))[0].lastUsedAt).toBeNull();
  });

  it("refuses a signature by another key under the user's credential id", async () => {
    const user = acme.users.MEMBER;
    const { authenticator } = await enrol(user);
    const impostor = new SoftAuthenticator(ORIGIN);
    Object.defineProperty(impostor, "credentialId", { value: authenticator.credentialId });
    expect(await verifyPasskeySignIn(db(), user.id, await assertion(user, impostor))).toBe(false);
  });

  it("refuses a counter that goes backwards (a cloned authenticator), and one that stands still", async () => {
    const user = acme.users.MEMBER;
    const { authenticator } = await enrol(user);
    expect(await verifyPasskeySignIn(db(), user.id, await assertion(user, authenticator, { counter: 5 }))).toBe(true);
    expect(await verifyPasskeySignIn(db(), user.id, await assertion(user, authenticator, { counter: 3 }))).toBe(false);
    expect(await verifyPasskeySignIn(db(), user.id, await assertion(user, authenticator, { counter: 5 }))).toBe(false);
    expect((await passkeysOf(user.id))[0].counter).toBe(5n);
    expect(await verifyPasskeySignIn(db(), user.id, await assertion(user, authenticator, { counter: 6 }))).toBe(true);
  });

  it("accepts a passkey that keeps no counter (always 0), but never the same answer twice", async () => {
    const user = acme.users.MEMBER;
    const { authenticator } = await enrol(user);
    const response = await assertion(user, authenticator, { counter: 0 });
    expect(await verifyPasskeySignIn(db(), user.id, response)).toBe(true);
    // No counter to catch it: only the used-up challenge refuses the replay.
    expect(await verifyPasskeySignIn(db(), user.id, response)).toBe(false);
    expect(await verifyPasskeySignIn(db(), user.id, await assertion(user, authenticator, { counter: 0 }))).toBe(true);
  });

  it("refuses an expired challenge, a wrong origin, and an answer with no challenge asked", async () => {
    const user = acme.users.MEMBER;
    const { authenticator } = await enrol(user);
    const options = await passkeySignInOptions(db(), user.id);
    await db().webAuthnChallenge.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await verifyPasskeySignIn(db(), user.id, authenticator.assert(options))).toBe(false);
    expect(await verifyPasskeySignIn(db(), user.id, await assertion(user, authenticator, { origin: "https://evil.example" }))).toBe(false);
    expect(await verifyPasskeySignIn(db(), user.id, authenticator.assert({ challenge: "bm90LWFza2Vk" }))).toBe(false);
  });

  it("refuses a registration challenge used for sign-in", async () => {
    const user = acme.users.MEMBER;
    const { authenticator } = await enrol(user);
    const registration = await passkeyRegistrationOptions(db(), user);
    expect(await verifyPasskeySignIn(db(), user.id, authenticator.assert(registration))).toBe(false);
  });

  it("gives no options to a user without a passkey", async () => {
    await expect(passkeySignInOptions(db(), acme.users.MEMBER.id)).rejects.toMatchObject({ messageKey: "errors.noPasskey" });
  });
});

describe("rename and remove", () => {
  it("renames and removes the user's own passkeys only: another user's id is not found and changes nothing", async () => {
    const { passkey: mine } = await enrol(acme.users.MEMBER, "Laptop");
    const { passkey: theirs } = await enrol(other.users.MEMBER, "Phone");
    expect(await renamePasskey(db(), acme.users.MEMBER.id, mine.id, "Work laptop")).toEqual({ id: mine.id, before: "Laptop", name: "Work laptop" });
    const before = await databaseFingerprint();
    await expect(renamePasskey(db(), acme.users.MEMBER.id, theirs.id, "Mine now")).rejects.toThrow("notFound");
    await expect(inTx((tx) => removePasskey(tx, acme.users.MEMBER.id, theirs.id))).rejects.toThrow("notFound");
    expect(await databaseFingerprint()).toEqual(before);
    expect(await inTx((tx) => removePasskey(tx, acme.users.MEMBER.id, mine.id))).toEqual({ id: mine.id, name: "Work laptop", twoStepEnabled: false });
    expect(await passkeysOf(acme.users.MEMBER.id)).toEqual([]);
    expect((await userRow(acme.users.MEMBER.id)).twoStepEnabled).toBe(false);
    expect((await passkeysOf(other.users.MEMBER.id)).map((p) => p.name)).toEqual(["Phone"]);
  });

  it("keeps two-step on while another passkey remains", async () => {
    const user = acme.users.MEMBER;
    const { passkey } = await enrol(user, "Laptop");
    await enrol(user, "Security key");
    expect(await inTx((tx) => removePasskey(tx, user.id, passkey.id))).toMatchObject({ twoStepEnabled: true });
    expect((await userRow(user.id)).twoStepEnabled).toBe(true);
  });

  it("refuses to remove the last factor of a user the account's policy covers; the removal is rolled back", async () => {
    const user = acme.users.ADMIN;
    const { passkey } = await enrol(user, "Laptop");
    await db().account.update({ where: { id: acme.account.id }, data: { twoStepPolicy: "ADMINS" } });
    await expect(inTx((tx) => removePasskey(tx, user.id, passkey.id))).rejects.toMatchObject({ messageKey: "errors.twoStepRequired" });
    expect((await passkeysOf(user.id)).map((p) => p.id)).toEqual([passkey.id]);
    expect((await userRow(user.id)).twoStepEnabled).toBe(true);
    // A member isn't covered by "admins": their last passkey goes.
    const { passkey: members } = await enrol(acme.users.MEMBER);
    await expect(inTx((tx) => removePasskey(tx, acme.users.MEMBER.id, members.id))).resolves.toMatchObject({ twoStepEnabled: false });
  });
});

describe("the Security tab's actions", () => {
  const nameError = (message: string) => ({ ok: false, fieldErrors: { name: [message] } });

  it("add a passkey in two steps, audited with its id and name only", async () => {
    const user = acme.users.MEMBER;
    signInAs(user);
    const options = await passkeyOptionsAction(undefined, { name: "  Laptop  " });
    if (!options.ok) throw new Error(JSON.stringify(options));
    const authenticator = new SoftAuthenticator(ORIGIN);
    const registered = await passkeyRegisterAction(undefined, { name: "  Laptop  ", response: authenticator.register(options.data.options) });
    expect(registered).toEqual({ ok: true, data: { id: expect.any(String), name: "Laptop" } });
    const events = await db().auditEvent.findMany({ where: { accountId: acme.account.id, action: { startsWith: "twoStep." } }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["twoStep.passkeyOptions", "twoStep.passkeyRegister"]);
    expect(events[1]).toMatchObject({ actorId: user.id, targetId: user.id, after: { passkeyId: registered.ok && registered.data.id, name: "Laptop" } });
    const [row] = await passkeysOf(user.id);
    const logged = JSON.stringify(events) + JSON.stringify(registered);
    for (const secret of [row.credentialId, Buffer.from(row.publicKey).toString("base64url"), Buffer.from(row.publicKey).toString("base64"), options.data.options.challenge]) {
      expect(logged).not.toContain(secret);
    }
  });

  it("refuses a broken response with a message, not a 500, and changes nothing", async () => {
    signInAs(acme.users.MEMBER);
    await passkeyOptionsAction(undefined, { name: "Laptop" });
    const before = await databaseFingerprint();
    const garbage = [undefined, "not json", { id: "x" }, { ...new SoftAuthenticator(ORIGIN).register({ challenge: "AAAA" }), rawId: "<script>" }];
    for (const response of garbage) {
      const result = await passkeyRegisterAction(undefined, { name: "Laptop", response });
      expect(result.ok, JSON.stringify(response)).toBe(false);
      expect(JSON.stringify(result)).not.toContain(en.errors.unexpected);
    }
    const wrong = await passkeyRegisterAction(undefined, { name: "Laptop", response: new SoftAuthenticator(ORIGIN).register({ challenge: "AAAA" }) });
    expect(wrong).toEqual({ ok: false, formError: en.errors.passkeyNotVerified });
    expect(await databaseFingerprint()).toEqual(before);
  });

  it("refuse hostile names with a message at the field, storing nothing", async () => {
    signInAs(acme.users.MEMBER);
    const before = await databaseFingerprint();
    const cases: [unknown, string][] = [
      ["", en.validation.required],
      ["   ", en.validation.required],
      [undefined, en.validation.required],
      ["x".repeat(61), en.validation.tooLong],
      ["Lap\u0000top", en.validation.controlCharacters],
      ["Lap\u0007top", en.validation.controlCharacters],
      ["Lap\u009btop", en.validation.controlCharacters],
      ["Lap\ntop", en.validation.oneLine],
      ["Lap\u2028top", en.validation.oneLine],
      ["Lap\ud800top", en.validation.brokenText],
    ];
    for (const [name, message] of cases) {
      expect(await passkeyOptionsAction(undefined, { name }), JSON.stringify(name)).toEqual(nameError(message));
    }
    expect(await databaseFingerprint()).toEqual(before);
  });

  it("store a name with a right-to-left override as typed (sentences isolate it), and take 60 characters", async () => {
    const user = acme.users.MEMBER;
    signInAs(user);
    const name = "\u202eyek ytiruceS";
    const options = await passkeyOptionsAction(undefined, { name });
    if (!options.ok) throw new Error(JSON.stringify(options));
    const registered = await passkeyRegisterAction(undefined, { name, response: new SoftAuthenticator(ORIGIN).register(options.data.options) });
    expect(registered).toMatchObject({ ok: true, data: { name } });
    expect((await passkeysOf(user.id))[0].name).toBe(name);
    expect(isolate(name)).toBe(`\u2068${name}\u2069`);
    const { passkey } = await enrol(user, "Old");
    expect(await passkeyRenameAction(undefined, { id: passkey.id, name: "y".repeat(60) })).toEqual({ ok: true, data: { id: passkey.id, name: "y".repeat(60) } });
  });

  it("rename and remove: another user's passkey is not found and changes nothing; the caller's own are audited", async () => {
    const { passkey: mine } = await enrol(acme.users.MEMBER, "Laptop");
    const { passkey: theirs } = await enrol(acme.users.ADMIN, "Phone");
    signInAs(acme.users.MEMBER);
    const before = await databaseFingerprint();
    expect(await passkeyRenameAction(undefined, { id: theirs.id, name: "Mine" })).toEqual({ ok: false, formError: en.errors.notFound });
    expect(await passkeyRemoveAction(undefined, { id: theirs.id })).toEqual({ ok: false, formError: en.errors.notFound });
    expect(await passkeyRenameAction(undefined, { id: mine.id, name: "Lap\u0000" })).toEqual(nameError(en.validation.controlCharacters));
    expect(await passkeyRemoveAction(undefined, { id: "not-a-uuid" })).toEqual({ ok: false, fieldErrors: { id: [en.validation.invalid] } });
    expect(await databaseFingerprint()).toEqual(before);

    expect(await passkeyRenameAction(undefined, { id: mine.id, name: "Work laptop" })).toEqual({ ok: true, data: { id: mine.id, name: "Work laptop" } });
    expect(await passkeyRemoveAction(undefined, { id: mine.id })).toEqual({ ok: true, data: { id: mine.id, name: "Work laptop" } });
    const events = await db().auditEvent.findMany({ where: { accountId: acme.account.id, action: { in: ["twoStep.passkeyRename", "twoStep.passkeyRemove"] } }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.action, e.before, e.after])).toEqual([
      ["twoStep.passkeyRename", { passkeyId: mine.id, name: "Laptop" }, { passkeyId: mine.id, name: "Work laptop" }],
      ["twoStep.passkeyRemove", { passkeyId: mine.id, name: "Work laptop" }, null],
    ]);
    expect((await passkeysOf(acme.users.ADMIN.id)).map((p) => p.name)).toEqual(["Phone"]);
  });

  it("remove refuses the last factor under a covering policy, with the policy's message", async () => {
    const { passkey } = await enrol(acme.users.MEMBER);
    await db().account.update({ where: { id: acme.account.id }, data: { twoStepPolicy: "EVERYONE" } });
    signInAs(acme.users.MEMBER);
    expect(await passkeyRemoveAction(undefined, { id: passkey.id })).toEqual({ ok: false, formError: en.errors.twoStepRequired });
    expect(await passkeysOf(acme.users.MEMBER.id)).toHaveLength(1);
  });
});

describe("the second step of sign-in", () => {
  const pendingFor = (user: User): PendingSignIn => ({ userId: user.id, email: user.email, sessionVersion: user.sessionVersion, callbackUrl: "/" });

  it("offers the pending user's passkeys only, and signs in with one", async () => {
    const user = acme.users.MEMBER;
    const { authenticator } = await enrol(user);
    await enrol(other.users.MEMBER);
    secondStep.pending = pendingFor(user);
    const options = await passkeyOptionsForSignInAction(undefined, {});
    if (!options.ok) throw new Error(JSON.stringify(options));
    expect(options.data.options.allowCredentials?.map((c) => c.id)).toEqual([authenticator.id]);
    const outcome = await followed(passkeyVerifyAction(undefined, { response: authenticator.assert(options.data.options) }));
    expect(outcome).toEqual({ redirectedTo: "/" });
    expect(secondStep.checks).toEqual([{ method: "passkey", passed: true }]);
  });

  it("fails the check for another user's passkey, and for a replay", async () => {
    const user = acme.users.MEMBER;
    const { authenticator } = await enrol(user);
    const { authenticator: theirs } = await enrol(other.users.MEMBER);
    secondStep.pending = pendingFor(user);
    const first = await passkeyOptionsForSignInAction(undefined, {});
    if (!first.ok) throw new Error(JSON.stringify(first));
    expect(await passkeyVerifyAction(undefined, { response: theirs.assert(first.data.options) })).toMatchObject({ ok: false });
    const second = await passkeyOptionsForSignInAction(undefined, {});
    if (!second.ok) throw new Error(JSON.stringify(second));
    const response = authenticator.assert(second.data.options);
    expect(await followed(passkeyVerifyAction(undefined, { response }))).toEqual({ redirectedTo: "/" });
    expect(await passkeyVerifyAction(undefined, { response })).toMatchObject({ ok: false });
    expect(secondStep.checks.map((c) => c.passed)).toEqual([false, true, false]);
  });

  it("needs a pending sign-in for options, and a well-formed answer", async () => {
    expect(await passkeyOptionsForSignInAction(undefined, {})).toMatchObject({ ok: false });
    secondStep.pending = pendingFor(acme.users.MEMBER);
    expect(await passkeyOptionsForSignInAction(undefined, {})).toEqual({ ok: false, formError: en.errors.noPasskey });
    for (const response of [undefined, "x", { id: "a", rawId: "a", type: "public-key", response: {} }]) {
      expect(await passkeyVerifyAction(undefined, { response })).toMatchObject({ ok: false, fieldErrors: expect.any(Object) });
    }
    expect(secondStep.checks).toEqual([]);
  });
});

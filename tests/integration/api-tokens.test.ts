import crypto from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "../support/session";
import { createTestAccount, type TestAccount } from "../support/accounts";
import { createTestToken } from "../support/api-tokens";
import { createApiTokenAction, revokeApiTokenAction } from "@/app/(app)/settings/api-tokens/actions";
import { listApiTokens, MAX_ACTIVE_TOKENS } from "@/lib/api-tokens/tokens";
import { getDb } from "@/lib/db/client";

let acme: TestAccount;
let other: TestAccount;

beforeEach(async () => {
  acme = await createTestAccount("Acme");
  other = await createTestAccount("Other");
  signInAs(null);
});

const SECRET = /^ca_[A-Za-z0-9_-]{43}$/;
const ROLE_TOO_HIGH = { ok: false, formError: "You can't grant a role above your own." };
const NOT_FOUND = { ok: false, formError: "That item doesn't exist in your account." };
const DAY_MS = 86_400_000;
const input = (over: Record<string, unknown> = {}) => ({ name: "Deploy script", roleCeiling: "ADMIN", scopes: [], expires: "30", ...over });

const tokensOf = (account: TestAccount) => getDb().apiToken.findMany({ where: { accountId: account.account.id } });
const tokenAudits = (account: TestAccount) => getDb().auditEvent.findMany({ where: { accountId: account.account.id, targetType: "apiToken" }, orderBy: { createdAt: "asc" } });

/** Tokens stored straight in the table (as the action would), each with its own digest. */
async function storeTokens(account: TestAccount, count: number, over: { expiresAt?: Date | null; revokedAt?: Date | null } = {}) {
  await getDb().apiToken.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      accountId: account.account.id, name: `Bulk ${i}`, secretHash: crypto.randomBytes(32).toString("hex"), roleCeiling: "MEMBER" as const,
      createdById: account.users.ADMIN.id, expiresAt: over.expiresAt === undefined ? new Date(Date.now() + DAY_MS) : over.expiresAt, revokedAt: over.revokedAt ?? null,
    })),
  });
}

describe("createApiTokenAction", () => {
  it("stores the SHA-256 of a ca_ secret, never the secret, and shows the secret once in its answer", async () => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    const form = new FormData();
    form.set("name", "  Entra ID provisioning ");
    form.set("roleCeiling", "ADMIN");
    form.append("scopes", "USERS");
    form.append("scopes", "SCIM");
    form.set("expires", "90");
    const before = Date.now();
    const result = await createApiTokenAction(undefined, form);
    expect(result).toEqual({ ok: true, data: { id: expect.any(String), name: "Entra ID provisioning", secret: expect.stringMatching(SECRET) } });
    if (!result.ok) return;
    const [row] = await tokensOf(acme);
    expect(row).toMatchObject({
      id: result.data.id, name: "Entra ID provisioning", roleCeiling: "ADMIN", scopes: ["USERS", "SCIM"], createdById: acme.users.ACCOUNT_HOLDER.id,
      secretHash: crypto.createHash("sha256").update(result.data.secret).digest("hex"), revokedAt: null, lastUsedAt: null,
    });
    expect(row.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 90 * DAY_MS);
    expect(row.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 90 * DAY_MS);
    expect(JSON.stringify(row)).not.toContain(result.data.secret);
    expect(JSON.stringify(row)).not.toContain(result.data.secret.slice(3));
  });

  it("audits the creation with name, ceiling, scopes and expiry, and never the secret", async () => {
    signInAs(acme.users.ADMIN);
    const result = await createApiTokenAction(undefined, input({ scopes: ["READ_ONLY"] }));
    if (!result.ok) throw new Error("refused");
    const [event] = await tokenAudits(acme);
    expect(event).toMatchObject({
      action: "apiToken.create", actorId: acme.users.ADMIN.id, actorTokenId: null, targetId: result.data.id, before: null,
      after: { name: "Deploy script", roleCeiling: "ADMIN", scopes: ["READ_ONLY"], expiresAt: expect.any(String) },
    });
    const stored = JSON.stringify([event.before, event.after]);
    expect(stored).not.toContain(result.data.secret);
    expect(stored).not.toContain(result.data.secret.slice(3));
    expect(stored).not.toMatch(/ca_[A-Za-z0-9_-]{43}/);
  });

  it("lets the account holder make a token that never expires", async () => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    expect(await createApiTokenAction(undefined, input({ roleCeiling: "ACCOUNT_HOLDER", expires: "never" }))).toMatchObject({ ok: true });
    expect((await tokensOf(acme))[0]).toMatchObject({ roleCeiling: "ACCOUNT_HOLDER", expiresAt: null });
  });

  it("refuses a ceiling above the caller's own role, storing nothing", async () => {
    signInAs(acme.users.ADMIN);
    expect(await createApiTokenAction(undefined, input({ roleCeiling: "ACCOUNT_HOLDER" }))).toEqual(ROLE_TOO_HIGH);
    signInAs(acme.users.SUPPORT_STAFF);
    // Support staff can't manage tokens at all.
    expect(await createApiTokenAction(undefined, input({ roleCeiling: "MEMBER" }))).toEqual({ ok: false, formError: "Your role doesn't allow this." });
    expect(await tokensOf(acme)).toEqual([]);
    expect(await tokenAudits(acme)).toEqual([]);
  });

  it("refuses a token that never expires from an admin, at the Expires field, storing nothing", async () => {
    signInAs(acme.users.ADMIN);
    expect(await createApiTokenAction(undefined, input({ expires: "never" })))
      .toEqual({ ok: false, fieldErrors: { expires: ["Only the account holder can create a token that never expires."] } });
    expect(await tokensOf(acme)).toEqual([]);
  });

  it.each([
    ["no name", { name: "   " }, { name: ["This field is required."] }],
    ["a name too long", { name: "x".repeat(101) }, { name: ["This value is too long."] }],
    // The wrapper names an array item's error by its path; the form shows every "scopes…" error at the group.
    ["an unknown scope", { scopes: ["USERS", "EVERYTHING"] }, { "scopes.1": ["This value isn't valid."] }],
    ["an unknown expiry", { expires: "7" }, { expires: ["This value isn't valid."] }],
  ])("refuses %s at its field, storing nothing", async (_, over, fieldErrors) => {
    signInAs(acme.users.ADMIN);
    expect(await createApiTokenAction(undefined, input(over))).toEqual({ ok: false, fieldErrors });
    expect(await tokensOf(acme)).toEqual([]);
  });

  it(`allows ${MAX_ACTIVE_TOKENS} active tokens; revoked and expired ones don't count; the next one is refused`, async () => {
    await storeTokens(acme, MAX_ACTIVE_TOKENS - 1);
    await storeTokens(acme, 1, { revokedAt: new Date() });
    await storeTokens(acme, 1, { expiresAt: new Date(Date.now() - 1000) });
    signInAs(acme.users.ADMIN);
    expect(await createApiTokenAction(undefined, input({ name: "The hundredth" }))).toMatchObject({ ok: true });
    expect(await createApiTokenAction(undefined, input({ name: "One too many" })))
      .toEqual({ ok: false, formError: `The account already has ${MAX_ACTIVE_TOKENS} active API tokens. Revoke one before creating another.` });
    expect(await getDb().apiToken.count({ where: { accountId: acme.account.id, name: "One too many" } })).toBe(0);
    // Another account's tokens are its own count.
    signInAs(other.users.ADMIN);
    expect(await createApiTokenAction(undefined, input())).toMatchObject({ ok: true });
  });
});

describe("revokeApiTokenAction", () => {
  it("revokes a token of the account at once, audited with its name", async () => {
    const token = await createTestToken(acme, { ceiling: "ADMIN", name: "CI" });
    signInAs(acme.users.ADMIN);
    expect(await revokeApiTokenAction(undefined, { id: token.id })).toEqual({ ok: true, data: { id: token.id } });
    expect((await getDb().apiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toBeInstanceOf(Date);
    expect(await tokenAudits(acme)).toMatchObject([{ action: "apiToken.revoke", actorId: acme.users.ADMIN.id, targetId: token.id, after: { name: "CI" } }]);
  });

  it("says not found the second time, and for another account's token, which stays as it was", async () => {
    const token = await createTestToken(acme);
    const foreign = await createTestToken(other);
    signInAs(acme.users.ACCOUNT_HOLDER);
    expect(await revokeApiTokenAction(undefined, { id: token.id })).toMatchObject({ ok: true });
    expect(await revokeApiTokenAction(undefined, { id: token.id })).toEqual(NOT_FOUND);
    expect(await revokeApiTokenAction(undefined, { id: foreign.id })).toEqual(NOT_FOUND);
    expect((await getDb().apiToken.findUniqueOrThrow({ where: { id: foreign.id } })).revokedAt).toBeNull();
    expect(await tokenAudits(acme)).toHaveLength(1);
    expect(await tokenAudits(other)).toEqual([]);
  });

  it("refuses an admin a token whose ceiling is the account holder's, which keeps working", async () => {
    const token = await createTestToken(acme, { ceiling: "ACCOUNT_HOLDER" });
    signInAs(acme.users.ADMIN);
    expect(await revokeApiTokenAction(undefined, { id: token.id })).toEqual(ROLE_TOO_HIGH);
    expect((await getDb().apiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toBeNull();
    expect(await tokenAudits(acme)).toEqual([]);
  });
});

describe("listApiTokens", () => {
  it("lists the account's unrevoked tokens, expired ones included, newest first, never another account's", async () => {
    const old = await createTestToken(acme, { name: "Old", expiresAt: new Date(Date.now() - DAY_MS) });
    await createTestToken(acme, { name: "Revoked", revokedAt: new Date() });
    await createTestToken(other, { name: "Foreign" });
    const fresh = await createTestToken(acme, { name: "Fresh", scopes: ["USERS"], creator: "ADMIN" });
    const listed = await listApiTokens(getDb(), acme.account.id);
    expect(listed.map((t) => [t.id, t.name])).toEqual([[fresh.id, "Fresh"], [old.id, "Old"]]);
    expect(listed[0]).toMatchObject({ roleCeiling: "ADMIN", scopes: ["USERS"], lastUsedAt: null, createdBy: { firstName: acme.users.ADMIN.firstName } });
    expect(Object.keys(listed[0])).not.toContain("secretHash");
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { createTestAccount, TEST_PASSWORD } from "../support/accounts";
import { authenticate } from "@/lib/auth/authenticate";
import { loadSessionUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";

let acme: Awaited<ReturnType<typeof createTestAccount>>;
beforeEach(async () => {
  acme = await createTestAccount();
});

describe("authenticate", () => {
  it("accepts the right password, whatever the email's case and spaces", async () => {
    const email = ` ${acme.users.ADMIN.email.toUpperCase()} `;
    expect(await authenticate(getDb(), email, TEST_PASSWORD)).toEqual({ id: acme.users.ADMIN.id, sessionVersion: 0 });
  });

  it("answers null alike for a wrong password and an unknown email", async () => {
    expect(await authenticate(getDb(), acme.users.ADMIN.email, "wrong password")).toBeNull();
    expect(await authenticate(getDb(), "nobody@test.example", TEST_PASSWORD)).toBeNull();
  });

  it("refuses suspended users and invited users who have no password yet", async () => {
    await getDb().user.update({ where: { id: acme.users.MEMBER.id }, data: { status: "SUSPENDED" } });
    expect(await authenticate(getDb(), acme.users.MEMBER.email, TEST_PASSWORD)).toBeNull();
    await getDb().user.update({ where: { id: acme.users.SUPPORT_STAFF.id }, data: { status: "INVITED", passwordHash: null } });
    expect(await authenticate(getDb(), acme.users.SUPPORT_STAFF.email, TEST_PASSWORD)).toBeNull();
  });

  it("stores passwords as argon2id hashes, never in clear", async () => {
    const user = await getDb().user.findUniqueOrThrow({ where: { id: acme.users.ADMIN.id } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(TEST_PASSWORD);
  });
});

describe("loadSessionUser", () => {
  it("returns the user with their account for a current session", async () => {
    const user = await loadSessionUser(getDb(), { userId: acme.users.ADMIN.id, sessionVersion: 0, sessionId: acme.users.ADMIN.sessionId });
    expect(user).toMatchObject({ id: acme.users.ADMIN.id, accountId: acme.account.id, role: "ADMIN", account: { name: acme.account.name } });
  });

  it("returns null once the session version moved on (password change, suspension, deletion)", async () => {
    await getDb().user.update({ where: { id: acme.users.ADMIN.id }, data: { sessionVersion: 1 } });
    expect(await loadSessionUser(getDb(), { userId: acme.users.ADMIN.id, sessionVersion: 0, sessionId: acme.users.ADMIN.sessionId })).toBeNull();
    expect(await loadSessionUser(getDb(), { userId: acme.users.ADMIN.id, sessionVersion: 1, sessionId: acme.users.ADMIN.sessionId })).not.toBeNull();
  });

  it("returns null for a deleted user", async () => {
    await getDb().user.delete({ where: { id: acme.users.MEMBER.id } });
    expect(await loadSessionUser(getDb(), { userId: acme.users.MEMBER.id, sessionVersion: 0, sessionId: acme.users.MEMBER.sessionId })).toBeNull();
  });
});

describe("authorizeCredentials with a sign-in grant", () => {
  it("signs in the granted user once; an unknown, forged or reused grant signs in nobody", async () => {
    const { grantSignIn } = await import("@/lib/auth/sign-in-grants");
    const { authorizeCredentials } = await import("@/lib/auth/authenticate");
    const grant = grantSignIn({ id: acme.users.ADMIN.id, sessionVersion: 0 });
    expect(await authorizeCredentials({ grant: "forged" })).toBeNull();
    expect(await authorizeCredentials({ grant: 42 })).toBeNull();
    expect(await authorizeCredentials({ grant })).toEqual({ id: acme.users.ADMIN.id, sessionVersion: 0 });
    expect(await authorizeCredentials({ grant })).toBeNull();
  });
});

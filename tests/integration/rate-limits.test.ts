import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { signInAs } from "../support/session";
import { followed } from "../support/redirects";
import { importForm } from "../support/imports";
import { createTestAccount, TEST_PASSWORD, twoTestAccounts, type TestAccount } from "../support/accounts";
import { uploadImportAction } from "@/app/(app)/people/users/imports/actions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db/client";

afterEach(() => vi.unstubAllEnvs());

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: { messageKey?: string; values?: unknown }) => ({ key: error.messageKey, values: error.values }));

describe("sign-in attempts", () => {
  beforeEach(() => {
    vi.stubEnv("SIGN_IN_FAILURES_PER_EMAIL", "3");
    vi.stubEnv("SIGN_IN_FAILURES_PER_IP", "5");
    vi.stubEnv("SIGN_IN_WINDOW_MINUTES", "15");
  });

  // A wrong password: refused with "errors.invalidCredentials" once it was checked, "errors.tooManySignIns" when the limit stopped it first.
  const attempt = (email: string, ip: string, password = "wrong password") => refusal(signInWithPassword(getDb(), { email, password, ip }));
  const CHECKED = { key: "errors.invalidCredentials" };

  it("refuses an email after its failures, before any password check, whether or not it belongs to a user", async () => {
    for (let i = 0; i < 3; i++) expect(await attempt("someone@example.com", "10.0.0.1")).toMatchObject(CHECKED);
    expect(await attempt("someone@example.com", "10.0.0.2")).toEqual({ key: "errors.tooManySignIns", values: { minutes: 15 } });
    // Another email from another address is not affected.
    expect(await attempt("another@example.com", "10.0.0.2")).toMatchObject(CHECKED);
  });

  it("refuses an address that failed across many emails", async () => {
    for (let i = 0; i < 5; i++) expect(await attempt(`user${i}@example.com`, "10.0.0.9")).toMatchObject(CHECKED);
    expect(await attempt("fresh@example.com", "10.0.0.9")).toMatchObject({ key: "errors.tooManySignIns" });
    expect(await attempt("fresh@example.com", "10.0.0.10")).toMatchObject(CHECKED);
  });

  it("frees up as the oldest failures leave the window, and tells how long to wait", async () => {
    const db = getDb();
    for (let i = 0; i < 3; i++) await attempt("late@example.com", "10.0.1.1");
    // The oldest failure was 10 minutes ago: the window frees up in 5.
    const [oldest] = await db.rateLimitEvent.findMany({ where: { key: "sign-in:email:late@example.com" }, orderBy: { id: "asc" }, take: 1 });
    await db.rateLimitEvent.update({ where: { id: oldest.id }, data: { at: new Date(Date.now() - 10 * 60_000) } });
    expect(await attempt("late@example.com", "10.0.1.1")).toEqual({ key: "errors.tooManySignIns", values: { minutes: 5 } });
    await db.rateLimitEvent.update({ where: { id: oldest.id }, data: { at: new Date(Date.now() - 16 * 60_000) } });
    expect(await attempt("late@example.com", "10.0.1.1")).toMatchObject(CHECKED);
  });

  it("forgets an email's failures on a successful sign-in, not the address's", async () => {
    const db = getDb();
    const { users } = await createTestAccount();
    for (let i = 0; i < 2; i++) await attempt(users.MEMBER.email, "10.0.2.1");
    expect(await attempt(users.MEMBER.email, "10.0.2.1", TEST_PASSWORD)).toBeNull();
    expect(await db.rateLimitEvent.count({ where: { key: `sign-in:email:${users.MEMBER.email}` } })).toBe(0);
    expect(await db.rateLimitEvent.count({ where: { key: "sign-in:ip:10.0.2.1" } })).toBe(2);
  });
});

describe("imports per hour", () => {
  let acme: TestAccount;
  let other: TestAccount;
  beforeEach(async () => {
    ({ acme, other } = await twoTestAccounts());
    vi.stubEnv("IMPORTS_PER_HOUR", "2");
  });

  const csv = "First name,Last name,Email\nAda,Lovelace,ada@example.com\n";
  const settings = { timeZone: "Europe/Paris", groupId: "none", locale: "en", role: "MEMBER" };
  const upload = () => followed(uploadImportAction(undefined, importForm(csv, settings)));

  it("refuses the upload over the hourly allowance at the file field, with the wait, storing nothing", async () => {
    signInAs(acme.users.ADMIN);
    expect(await upload()).toHaveProperty("redirectedTo");
    expect(await upload()).toHaveProperty("redirectedTo");
    const before = await getDb().importBatch.count({ where: { accountId: acme.account.id } });
    expect(await upload()).toEqual({
      ok: false,
      fieldErrors: { file: ["Your account can upload at most 2 files an hour. Try again in 60 minutes."] },
    });
    expect(await getDb().importBatch.count({ where: { accountId: acme.account.id } })).toBe(before);

    // Each account has its own allowance.
    signInAs(other.users.ADMIN);
    expect(await upload()).toHaveProperty("redirectedTo");

    // An upload older than an hour no longer counts.
    await getDb().importBatch.updateMany({ where: { accountId: acme.account.id }, data: { createdAt: new Date(Date.now() - 61 * 60_000) } });
    signInAs(acme.users.ADMIN);
    expect(await upload()).toHaveProperty("redirectedTo");
  });
});

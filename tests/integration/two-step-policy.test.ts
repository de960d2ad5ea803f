// The account's two-step policy (Settings › Security), its gate on pages, actions and downloads,
// the users list's Two-step column and filter, and an admin's reset of a user's second factors.
import { NextRequest, type NextFetchEvent } from "next/server";
import Papa from "papaparse";
import { z } from "zod";
import { beforeEach, describe, expect, it } from "vitest";
import { requestHeaders } from "../support/sign-in";
import { signInAs, startTestSession } from "../support/session";
import { followed } from "../support/redirects";
import { createTestAccount, type TestAccount } from "../support/accounts";
import { accountFingerprint, databaseFingerprint } from "../support/db-snapshot";
import { changeMyPasswordAction, revokeMyOtherSessionsAction, updateMyLanguageAction } from "@/app/(app)/actions";
import { createGroupAction } from "@/app/(app)/people/groups/actions";
import { resetTwoStepAction } from "@/app/(app)/people/users/[id]/actions";
import { GET as exportUsers } from "@/app/(app)/people/users/export/route";
import { saveTwoStepPolicyAction } from "@/app/(app)/settings/security/actions";
import { proxy } from "@/proxy";
import { policyStartsAt } from "@/lib/account/security";
import { accountAction } from "@/lib/actions/define-action";
import { loadSessionUser } from "@/lib/auth/current-user";
import { permittedUser, requireUser } from "@/lib/auth/require";
import { graceEndsAt, twoStepGate } from "@/lib/auth/two-step-policy";
import { getDb } from "@/lib/db/client";
import type { TwoStepPolicy } from "@/lib/generated/prisma/enums";
import { seedBulkUsers } from "@/lib/seed/bulk";
import { seal } from "@/lib/security/secret-box";
import { REQUEST_PATH_HEADER } from "@/lib/security/headers";
import { countUsers } from "@/lib/users/counts";
import { listUsers } from "@/lib/users/list";
import { parseUserListParams, userFiltersSchema } from "@/lib/users/list-params";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";

// Secrets at rest need a key; the test process has no AUTH_SECRET.
process.env.ENCRYPTION_KEY ??= "two-step policy test key, never used elsewhere";

let acme: TestAccount;
const DAY = 24 * 3600 * 1000;

beforeEach(async () => {
  acme = await createTestAccount("Acme");
  signInAs(null);
  requestHeaders.delete(REQUEST_PATH_HEADER);
});

const account = () => getDb().account.findUniqueOrThrow({ where: { id: acme.account.id } });

async function setPolicy(policy: TwoStepPolicy, graceDays = 0, since = new Date(Date.now() - 1000)) {
  await getDb().account.update({ where: { id: acme.account.id }, data: { twoStepPolicy: policy, twoStepGraceDays: graceDays, twoStepPolicyAt: policy === "NOBODY" ? null : since } });
}

/** A real authenticator app (sealed secret) for the user: what enrolment leaves behind. */
async function giveAuthenticator(userId: string) {
  await getDb().user.update({ where: { id: userId }, data: { totpSecret: seal("JBSWY3DPEHPK3PXP"), totpEnabledAt: new Date(), totpLastStep: 123n, twoStepEnabled: true } });
}

// Stand-ins for the actions other parts of the issue add: the gate judges an action by its declared name.
const enrolAction = accountAction({ name: "twoStep.test.enrol", permission: "profile.update", input: z.object({}), handler: async () => "enrolled" });
const otherAction = accountAction({ name: "users.test.other", permission: "profile.update", input: z.object({}), handler: async () => "done" });

describe("Settings › Security: saving the policy", () => {
  it("the account holder saves whom it covers and the grace period, audited before → after", async () => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    const started = Date.now();
    expect(await saveTwoStepPolicyAction(undefined, { policy: "ADMINS", graceDays: "7" })).toEqual({ ok: true, data: { policy: "ADMINS", graceDays: 7 } });
    const saved = await account();
    expect(saved).toMatchObject({ twoStepPolicy: "ADMINS", twoStepGraceDays: 7 });
    expect(saved.twoStepPolicyAt!.getTime()).toBeGreaterThanOrEqual(started - 1000);
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { accountId: acme.account.id, action: "security.twoStepPolicy" } });
    expect(event).toMatchObject({
      actorId: acme.users.ACCOUNT_HOLDER.id,
      before: { policy: "NOBODY", graceDays: 0, since: null },
      after: { policy: "ADMINS", graceDays: 7, since: saved.twoStepPolicyAt!.toISOString() },
    });
  });

  it.each([
    ["", "empty"], ["15", "above 14"], ["-1", "negative"], ["1.5", "a fraction"], ["seven", "words"], ["7 days", "a unit"], [20, "a number above 14"], [undefined, "missing"],
  ] as [unknown, string][])("refuses a grace period of %j (%s) at the field, changing nothing", async (graceDays) => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    const before = await accountFingerprint(acme.account.id);
    expect(await saveTwoStepPolicyAction(undefined, { policy: "EVERYONE", graceDays })).toEqual({ ok: false, fieldErrors: { graceDays: [en.validation.graceDays] } });
    expect(await accountFingerprint(acme.account.id)).toEqual(before);
  });

  it("accepts 0 and 14, and the form's text with spaces around", async () => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    expect(await saveTwoStepPolicyAction(undefined, { policy: "EVERYONE", graceDays: " 14 " })).toMatchObject({ ok: true });
    expect(await saveTwoStepPolicyAction(undefined, { policy: "EVERYONE", graceDays: 0 })).toMatchObject({ ok: true });
    expect(await account()).toMatchObject({ twoStepPolicy: "EVERYONE", twoStepGraceDays: 0 });
  });

  it.each(["ADMIN", "", "everyone", "SOME"])("refuses the option %j at the field", async (policy) => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    const before = await accountFingerprint(acme.account.id);
    expect(await saveTwoStepPolicyAction(undefined, { policy, graceDays: "3" })).toEqual({ ok: false, fieldErrors: { policy: [en.validation.chooseOption] } });
    expect(await accountFingerprint(acme.account.id)).toEqual(before);
  });

  it.each(["ADMIN", "SUPPORT_STAFF", "MEMBER"] as const)("refuses %s (account holders only)", async (role) => {
    signInAs(acme.users[role]);
    const before = await databaseFingerprint();
    expect(await saveTwoStepPolicyAction(undefined, { policy: "NOBODY", graceDays: "0" })).toEqual({ ok: false, formError: en.errors.forbidden });
    expect(await databaseFingerprint()).toEqual(before);
  });

  it("restarts the grace period only when the policy covers more roles", async () => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    const save = async (policy: TwoStepPolicy, graceDays: number) => {
      expect(await saveTwoStepPolicyAction(undefined, { policy, graceDays })).toMatchObject({ ok: true });
      return (await account()).twoStepPolicyAt;
    };
    const admins = await save("ADMINS", 3);
    expect(admins).not.toBeNull();
    expect(await save("ADMINS", 5), "a change of days keeps the start").toEqual(admins);
    const everyone = await save("EVERYONE", 5);
    expect(everyone!.getTime(), "widening restarts it").toBeGreaterThan(admins!.getTime());
    expect(await save("ADMINS", 5), "narrowing keeps it").toEqual(everyone);
    expect(await save("NOBODY", 5)).toBeNull();
    const now = new Date();
    expect(policyStartsAt({ twoStepPolicy: "NOBODY", twoStepPolicyAt: null }, "EVERYONE", now)).toBe(now);
    expect(policyStartsAt({ twoStepPolicy: "EVERYONE", twoStepPolicyAt: null }, "EVERYONE", now), "a policy without a start gets one").toBe(now);
  });
});

describe("the grace period", () => {
  const subject = (over: { createdAt: Date; policyAt: Date | null; days: number; role?: "ADMIN" | "MEMBER"; enabled?: boolean; policy?: TwoStepPolicy }) => ({
    role: over.role ?? "ADMIN",
    twoStepEnabled: over.enabled ?? false,
    createdAt: over.createdAt,
    account: { twoStepPolicy: over.policy ?? "ADMINS", twoStepGraceDays: over.days, twoStepPolicyAt: over.policyAt },
  });

  it("ends graceDays after the later of the policy's start and the user's creation", () => {
    const policyAt = new Date("2026-03-01T10:00:00Z");
    expect(graceEndsAt(subject({ createdAt: new Date("2025-01-01T00:00:00Z"), policyAt, days: 7 }))).toEqual(new Date("2026-03-08T10:00:00Z"));
    expect(graceEndsAt(subject({ createdAt: new Date("2026-04-01T00:00:00Z"), policyAt, days: 7 }))).toEqual(new Date("2026-04-08T00:00:00Z"));
    const user = subject({ createdAt: new Date("2025-01-01T00:00:00Z"), policyAt, days: 7 });
    expect(twoStepGate(user, new Date("2026-03-08T09:59:59Z"))).toEqual({ state: "grace", deadline: new Date("2026-03-08T10:00:00Z") });
    expect(twoStepGate(user, new Date("2026-03-08T10:00:00Z"))).toEqual({ state: "setupRequired", deadline: new Date("2026-03-08T10:00:00Z") });
    expect(twoStepGate({ ...user, twoStepEnabled: true }, new Date("2027-01-01T00:00:00Z"))).toEqual({ state: "free" });
    expect(twoStepGate({ ...user, role: "MEMBER" }, new Date("2027-01-01T00:00:00Z"))).toEqual({ state: "free" });
    expect(twoStepGate({ ...user, role: "MEMBER", account: { ...user.account, twoStepPolicy: "EVERYONE" } }, new Date("2027-01-01T00:00:00Z")).state).toBe("setupRequired");
  });

  it("getCurrentUser loads what the gate needs in its one query", async () => {
    await setPolicy("ADMINS", 2, new Date("2026-01-02T03:04:05Z"));
    const user = await loadSessionUser(getDb(), { userId: acme.users.ADMIN.id, sessionVersion: acme.users.ADMIN.sessionVersion, sessionId: acme.users.ADMIN.sessionId });
    expect(user).toMatchObject({ twoStepEnabled: false, account: { name: acme.account.name, twoStepPolicy: "ADMINS", twoStepGraceDays: 2, twoStepPolicyAt: new Date("2026-01-02T03:04:05Z") } });
    expect(user!.createdAt).toBeInstanceOf(Date);
  });
});

describe("the gate", () => {
  it("refuses a covered user without a factor, past the grace period, every action but twoStep.*, session.* and the own language", async () => {
    await setPolicy("ADMINS", 0);
    signInAs(acme.users.ADMIN);
    const before = await databaseFingerprint();
    const refused = { ok: false, formError: en.errors.twoStepSetupRequired };
    expect(await createGroupAction(undefined, { name: "Night shift" })).toEqual(refused);
    expect(await otherAction(undefined, {})).toEqual(refused);
    expect(await resetTwoStepAction(undefined, { userId: acme.users.MEMBER.id })).toEqual(refused);
    expect(await databaseFingerprint(), "refused calls change nothing").toEqual(before);

    expect(await enrolAction(undefined, {})).toEqual({ ok: true, data: "enrolled" });
    const other = await startTestSession(acme.users.ADMIN.id);
    expect(await revokeMyOtherSessionsAction(undefined, {})).toMatchObject({ ok: true });
    expect((await getDb().session.findUniqueOrThrow({ where: { id: other } })).revokedAt).not.toBeNull();
    expect(await updateMyLanguageAction(undefined, { locale: "fr" }), "the setup page in a language they read").toMatchObject({ ok: true });
  });

  it("holds back the account holder too under 'Admins and account holders'", async () => {
    await setPolicy("ADMINS", 0);
    signInAs(acme.users.ACCOUNT_HOLDER);
    expect(await createGroupAction(undefined, { name: "Night shift" })).toEqual({ ok: false, formError: en.errors.twoStepSetupRequired });
    // …who may still change the policy? No: only twoStep.* — they set up a factor first, then change it.
    expect(await saveTwoStepPolicyAction(undefined, { policy: "NOBODY", graceDays: "0" })).toEqual({ ok: false, formError: en.errors.twoStepSetupRequired });
  });

  it("lets the user work during the grace period", async () => {
    await setPolicy("ADMINS", 3);
    signInAs(acme.users.ADMIN);
    expect(await createGroupAction(undefined, { name: "Night shift" })).toMatchObject({ ok: true });
  });

  it("counts the grace period from the policy's start: overdue when it started long enough ago", async () => {
    await getDb().user.update({ where: { id: acme.users.ADMIN.id }, data: { createdAt: new Date(Date.now() - 30 * DAY) } });
    await setPolicy("ADMINS", 3, new Date(Date.now() - 4 * DAY));
    signInAs(acme.users.ADMIN);
    expect(await createGroupAction(undefined, { name: "Night shift" })).toEqual({ ok: false, formError: en.errors.twoStepSetupRequired });
    await setPolicy("ADMINS", 5, new Date(Date.now() - 4 * DAY));
    expect(await createGroupAction(undefined, { name: "Night shift" })).toMatchObject({ ok: true });
  });

  it("lets users the policy doesn't cover work", async () => {
    await setPolicy("ADMINS", 0);
    signInAs(acme.users.MEMBER);
    expect(await updateMyLanguageAction(undefined, { locale: "fr" })).toMatchObject({ ok: true });
    await setPolicy("EVERYONE", 0);
    // In the user's language (they just chose French); their language stays theirs to change.
    const password = { currentPassword: "wrong", newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" };
    expect(await changeMyPasswordAction(undefined, password)).toEqual({ ok: false, formError: fr.errors.twoStepSetupRequired });
    expect(await updateMyLanguageAction(undefined, { locale: "de" })).toMatchObject({ ok: true });
  });

  it("lets a covered user with a factor work", async () => {
    await setPolicy("EVERYONE", 0);
    await giveAuthenticator(acme.users.ADMIN.id);
    signInAs(acme.users.ADMIN);
    expect(await createGroupAction(undefined, { name: "Night shift" })).toMatchObject({ ok: true });
  });

  it("sends page requests to Profile › Security, except that page itself", async () => {
    await setPolicy("ADMINS", 0);
    signInAs(acme.users.ADMIN);
    requestHeaders.set(REQUEST_PATH_HEADER, "/people/users");
    expect(await followed(requireUser())).toEqual({ redirectedTo: "/profile/security" });
    requestHeaders.delete(REQUEST_PATH_HEADER);
    expect(await followed(requireUser()), "no path (not through the proxy): gated").toEqual({ redirectedTo: "/profile/security" });
    requestHeaders.set(REQUEST_PATH_HEADER, "/profile/security-settings");
    expect(await followed(requireUser()), "a look-alike path").toEqual({ redirectedTo: "/profile/security" });
    for (const path of ["/profile/security", "/profile/security/passkeys"]) {
      requestHeaders.set(REQUEST_PATH_HEADER, path);
      expect(await followed(requireUser())).toMatchObject({ id: acme.users.ADMIN.id });
    }
    requestHeaders.set(REQUEST_PATH_HEADER, "/people/users");
    signInAs(acme.users.MEMBER);
    expect(await followed(requireUser())).toMatchObject({ id: acme.users.MEMBER.id });
    await setPolicy("ADMINS", 3);
    signInAs(acme.users.ADMIN);
    expect(await followed(requireUser())).toMatchObject({ id: acme.users.ADMIN.id });
  });

  it("answers downloads 404 to a held-back user", async () => {
    signInAs(acme.users.ADMIN);
    expect(await permittedUser("users.read")).toMatchObject({ id: acme.users.ADMIN.id });
    await setPolicy("ADMINS", 0);
    expect(await permittedUser("users.read")).toBeNull();
    expect((await exportUsers(new NextRequest("http://localhost/people/users/export"))).status).toBe(404);
  });

  it("the proxy tells pages the requested path, overwriting one the client sent", async () => {
    const request = new NextRequest("http://localhost/people/users?x=1", { headers: { [REQUEST_PATH_HEADER]: "/profile/security" } });
    const response = await proxy(request, {} as NextFetchEvent);
    expect(response?.headers.get(`x-middleware-request-${REQUEST_PATH_HEADER}`)).toBe("/people/users");
  });
});

describe("the users list's Two-step column and filter", () => {
  const view = (input: Record<string, string>) => parseUserListParams(input);
  const emails = (rows: { email: string }[]) => rows.map((u) => u.email).sort();

  it("shows each user's state and filters by it, with search, every sort and the count", async () => {
    await giveAuthenticator(acme.users.SUPPORT_STAFF.id);
    const on = [acme.users.SUPPORT_STAFF.email];
    const off = [acme.users.ACCOUNT_HOLDER.email, acme.users.ADMIN.email, acme.users.MEMBER.email].sort();
    const all = await listUsers(getDb(), acme.account.id, view({}));
    expect(Object.fromEntries(all.users.map((u) => [u.email, u.twoStepEnabled]))).toMatchObject({ [acme.users.SUPPORT_STAFF.email]: true, [acme.users.MEMBER.email]: false });
    for (const sort of ["name", "email", "created"]) {
      expect(emails((await listUsers(getDb(), acme.account.id, view({ twoStep: "on", sort }))).users)).toEqual(on);
      expect(emails((await listUsers(getDb(), acme.account.id, view({ twoStep: "off", sort, dir: "desc" }))).users)).toEqual(off);
    }
    expect(await countUsers(getDb(), acme.account.id, view({ twoStep: "off" }))).toEqual({ value: 3, exact: true });
    // A search takes the SQL path (trigram index), which must apply the filter too.
    expect(emails((await listUsers(getDb(), acme.account.id, view({ q: "test.example", twoStep: "on" }))).users)).toEqual(on);
    expect(emails((await listUsers(getDb(), acme.account.id, view({ q: "test.example", twoStep: "off" }))).users)).toEqual(off);
    // A malformed value is ignored on the page (a bad link still shows a list)…
    expect(view({ twoStep: "maybe" }).twoStep).toBeUndefined();
    // …and refused by a bulk action's strict filters (a dropped filter would widen "all matching").
    expect(userFiltersSchema.safeParse({ twoStep: "maybe" }).success).toBe(false);
    expect(userFiltersSchema.parse({ twoStep: "off" })).toEqual({ twoStep: "off" });
  });

  it("the CSV export has the column and honours the filter", async () => {
    await giveAuthenticator(acme.users.MEMBER.id);
    signInAs(acme.users.ADMIN);
    const csv = async (query: string) => {
      const text = await (await exportUsers(new NextRequest(`http://localhost/people/users/export${query}`))).text();
      return Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    };
    const [header, ...rows] = await csv("?twoStep=on");
    expect(header.at(-1)).toBe("Two-step");
    expect(rows.map((r) => [r[2], r.at(-1)])).toEqual([[acme.users.MEMBER.email, "On"]]);
    expect((await csv("?twoStep=off")).slice(1).map((r) => r.at(-1))).toEqual(["Off", "Off", "Off"]);
  });

  it("the filter sorted by date added reads the two-step index, not the account", async () => {
    await seedBulkUsers(getDb(), { accountId: acme.account.id, users: 4_000 });
    await getDb().$executeRawUnsafe(`UPDATE "User" SET "twoStepEnabled" = true WHERE "accountId" = '${acme.account.id}' AND random() < 0.5`);
    await getDb().$executeRawUnsafe(`ANALYZE "User"`);
    const plan = await getDb().$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
      `EXPLAIN SELECT id FROM "User" WHERE "accountId" = $1::uuid AND "twoStepEnabled" = false ORDER BY "createdAt" ASC, id ASC LIMIT 51`, acme.account.id,
    );
    const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
    expect(text).toContain("User_accountId_twoStepEnabled_createdAt_id_idx");
    expect(text).not.toMatch(/Seq Scan|Sort/);
    const page = await listUsers(getDb(), acme.account.id, view({ twoStep: "off", sort: "created" }));
    expect(page.users).toHaveLength(50);
    expect(page.users.every((u) => !u.twoStepEnabled)).toBe(true);
    const next = await listUsers(getDb(), acme.account.id, view({ twoStep: "off", sort: "created", after: page.nextCursor! }));
    expect(next.users.every((u) => !u.twoStepEnabled)).toBe(true);
    expect(new Set([...page.users, ...next.users].map((u) => u.id)).size).toBe(100);
  });
});

describe("an admin resets a user's two-step verification", () => {
  async function enrolled(userId: string) {
    await giveAuthenticator(userId);
    await getDb().user.update({ where: { id: userId }, data: { totpPendingSecret: seal("PENDINGSECRETXYZ") } });
    await getDb().passkey.create({ data: { userId, credentialId: `cred-${userId}`, publicKey: Buffer.from([1, 2, 3]), name: "YubiKey" } });
    await getDb().recoveryCode.createMany({ data: Array.from({ length: 10 }, (_, i) => ({ userId, codeHash: `hash-${i}-${userId}` })) });
    return startTestSession(userId);
  }

  it("removes every factor, ends every session, emails the user and audits counts without secrets", async () => {
    const target = acme.users.MEMBER;
    const otherSession = await enrolled(target.id);
    const { totpSecret, totpPendingSecret } = await getDb().user.findUniqueOrThrow({ where: { id: target.id } });
    signInAs(acme.users.ADMIN);
    const result = await resetTwoStepAction(undefined, { userId: target.id });
    expect(result).toEqual({ ok: true, data: { id: target.id } });

    const user = await getDb().user.findUniqueOrThrow({ where: { id: target.id } });
    expect(user).toMatchObject({ totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null, twoStepEnabled: false, sessionVersion: target.sessionVersion + 1 });
    expect(await getDb().passkey.count({ where: { userId: target.id } })).toBe(0);
    expect(await getDb().recoveryCode.count({ where: { userId: target.id } })).toBe(0);
    expect(await getDb().session.count({ where: { userId: target.id, revokedAt: null } })).toBe(0);
    expect(await getDb().session.findUniqueOrThrow({ where: { id: otherSession } })).toMatchObject({ revokedAt: expect.any(Date) });
    expect(await loadSessionUser(getDb(), { userId: target.id, sessionVersion: target.sessionVersion, sessionId: target.sessionId }), "their old cookie is refused").toBeNull();
    // Other users keep their sessions.
    expect(await getDb().session.count({ where: { userId: acme.users.ADMIN.id, revokedAt: null } })).toBeGreaterThan(0);

    const email = await getDb().outboxEmail.findFirstOrThrow({ where: { accountId: acme.account.id, kind: "twoStepReset" } });
    expect(email.recipient).toBe(target.email);
    expect(email.subject).toBe(`Your two-step verification in ${acme.account.name} was reset`);
    expect(email.text).toContain("ADMIN");
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { accountId: acme.account.id, action: "users.resetTwoStep" } });
    expect(event).toMatchObject({
      actorId: acme.users.ADMIN.id, targetType: "user", targetId: target.id,
      before: { twoStepEnabled: true, authenticatorApp: true, passkeys: 1, recoveryCodes: 10 },
      after: { twoStepEnabled: false, authenticatorApp: false, passkeys: 0, recoveryCodes: 0 },
    });
    const everything = JSON.stringify([result, event, email]);
    for (const secret of [totpSecret!, totpPendingSecret!, "JBSWY3DPEHPK3PXP", "hash-0", "cred-"]) expect(everything).not.toContain(secret);
  });

  it("lets the account holder reset an admin and another account holder", async () => {
    await enrolled(acme.users.ADMIN.id);
    signInAs(acme.users.ACCOUNT_HOLDER);
    expect(await resetTwoStepAction(undefined, { userId: acme.users.ADMIN.id })).toMatchObject({ ok: true });
    await getDb().user.update({ where: { id: acme.users.SUPPORT_STAFF.id }, data: { role: "ACCOUNT_HOLDER" } });
    expect(await resetTwoStepAction(undefined, { userId: acme.users.SUPPORT_STAFF.id })).toMatchObject({ ok: true });
  });

  it("refuses one's own user, a user above, another account's user, support staff and members — changing nothing", async () => {
    for (const user of Object.values(acme.users)) await enrolled(user.id);
    const other = await createTestAccount("Other");
    await enrolled(other.users.MEMBER.id);
    const cases: [TestAccount["users"]["ADMIN"], string, unknown][] = [
      [acme.users.ADMIN, acme.users.ADMIN.id, en.errors.notYourself],
      [acme.users.ACCOUNT_HOLDER, acme.users.ACCOUNT_HOLDER.id, en.errors.notYourself],
      [acme.users.ADMIN, acme.users.ACCOUNT_HOLDER.id, en.errors.targetAboveYou],
      [acme.users.ADMIN, other.users.MEMBER.id, en.errors.notFound],
      [acme.users.ADMIN, "0b0b0b0b-0000-4000-8000-000000000000", en.errors.notFound],
      [acme.users.SUPPORT_STAFF, acme.users.MEMBER.id, en.errors.forbidden],
      [acme.users.MEMBER, acme.users.MEMBER.id, en.errors.forbidden],
    ];
    for (const [caller, userId, message] of cases) {
      signInAs(caller);
      const before = await databaseFingerprint();
      expect(await resetTwoStepAction(undefined, { userId }), `${caller.role} → ${userId}`).toEqual({ ok: false, formError: message });
      expect(await databaseFingerprint(), `${caller.role} → ${userId} changes nothing`).toEqual(before);
    }
    signInAs(acme.users.ADMIN);
    expect(await resetTwoStepAction(undefined, { userId: "not-a-uuid" })).toEqual({ ok: false, fieldErrors: { userId: [en.validation.invalid] } });
  });
});

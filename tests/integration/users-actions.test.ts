import { beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "../support/session";
import { createTestAccount } from "../support/accounts";
import { updateUserProfileAction } from "@/app/(app)/people/users/[id]/actions";
import {
  bulkChangeGroupAction,
  bulkChangeRoleAction,
  bulkDeleteAction,
  bulkReactivateAction,
  bulkSuspendAction,
} from "@/app/(app)/people/users/actions";
import { getDb } from "@/lib/db/client";
import { runBulkJob } from "@/lib/users/bulk-job";
import { createAccount } from "@/lib/seed/accounts";
import { userKeys } from "@/lib/users/search-key";

let acme: Awaited<ReturnType<typeof createTestAccount>>;
let other: Awaited<ReturnType<typeof createTestAccount>>;

beforeEach(async () => {
  acme = await createTestAccount("Acme");
  other = await createTestAccount("Other");
  signInAs(null);
});

const ids = (...users: { id: string }[]) => ({ mode: "ids" as const, ids: users.map((u) => u.id) });
const userOf = (id: string) => getDb().user.findUniqueOrThrow({ where: { id } });
const snapshot = async (accountId: string) =>
  JSON.stringify(await getDb().user.findMany({ where: { accountId }, orderBy: { id: "asc" }, select: { id: true, role: true, status: true, groupId: true, sessionVersion: true, firstName: true } }));

describe("bulk change role", () => {
  it("changes the role of the selected users, audited per user with before/after", async () => {
    signInAs(acme.users.ADMIN);
    const result = await bulkChangeRoleAction(undefined, { selection: ids(acme.users.MEMBER, acme.users.SUPPORT_STAFF), expectedCount: 2, role: "ADMIN" });
    expect(result).toEqual({ ok: true, data: { count: 2 } });
    expect((await userOf(acme.users.MEMBER.id)).role).toBe("ADMIN");
    const events = await getDb().auditEvent.findMany({ where: { accountId: acme.account.id, action: "user.role.change" }, orderBy: { targetId: "asc" } });
    expect(events).toHaveLength(2);
    expect(events.find((e) => e.targetId === acme.users.MEMBER.id)).toMatchObject({ actorId: acme.users.ADMIN.id, before: { role: "MEMBER" }, after: { role: "ADMIN" } });
  });

  it("applies to every user matching the filters when all matching are selected, as a bulk job (decision 0029)", async () => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    const result = await bulkChangeRoleAction(undefined, { selection: { mode: "matching", filters: { role: "MEMBER" } }, expectedCount: 1, role: "SUPPORT_STAFF" });
    expect(result).toEqual({ ok: true, data: { jobId: expect.any(String), total: 1 } });
    await runBulkJob(getDb(), (result as { data: { jobId: string } }).data.jobId);
    expect(await getDb().user.count({ where: { accountId: acme.account.id, role: "MEMBER" } })).toBe(0);
    expect(await getDb().user.count({ where: { accountId: other.account.id, role: "MEMBER" } })).toBe(1);
  });

  it("refuses a role above the caller's own (escalation) and changes nothing", async () => {
    signInAs(acme.users.ADMIN);
    const before = await snapshot(acme.account.id);
    const result = await bulkChangeRoleAction(undefined, { selection: ids(acme.users.MEMBER), expectedCount: 1, role: "ACCOUNT_HOLDER" });
    expect(result).toEqual({ ok: false, formError: "You can't grant a role above your own." });
    expect(await snapshot(acme.account.id)).toBe(before);
  });

  it("refuses to touch a user whose role is above the caller's", async () => {
    signInAs(acme.users.ADMIN);
    const result = await bulkChangeRoleAction(undefined, { selection: ids(acme.users.ACCOUNT_HOLDER, acme.users.MEMBER), expectedCount: 2, role: "MEMBER" });
    expect(result).toEqual({ ok: false, formError: "1 of the selected users has a role above yours. Nothing was changed: leave them out of the selection and try again." });
    expect((await userOf(acme.users.MEMBER.id)).role).toBe("MEMBER");
  });

  it("never demotes the last account holder, and not one's own user", async () => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    const own = await bulkChangeRoleAction(undefined, { selection: ids(acme.users.ACCOUNT_HOLDER), expectedCount: 1, role: "ADMIN" });
    expect(own).toEqual({ ok: false, formError: "You can't do this to your own user." });
    // A second holder demotes the only other one: fine once, refused when it would leave none.
    const { users } = await createAccount(getDb(), { name: "x", password: "a long test password", users: [{ email: `h2-${acme.account.id}@t.example`, firstName: "H2", role: "ACCOUNT_HOLDER" }] });
    await getDb().user.update({ where: { id: users[0].id }, data: { accountId: acme.account.id } });
    signInAs(users[0]);
    expect(await bulkChangeRoleAction(undefined, { selection: ids(acme.users.ACCOUNT_HOLDER), expectedCount: 1, role: "ADMIN" })).toEqual({ ok: true, data: { count: 1 } });
    signInAs(acme.users.ADMIN);
    const last = await bulkSuspendAction(undefined, { selection: ids(users[0]), expectedCount: 1 });
    expect(last).toEqual({ ok: false, formError: "You can't change users whose role is above yours." });
  });

  it("refuses when the selection no longer has the confirmed count", async () => {
    signInAs(acme.users.ADMIN);
    const result = await bulkChangeRoleAction(undefined, { selection: { mode: "matching", filters: { role: "MEMBER" } }, expectedCount: 5, role: "SUPPORT_STAFF" });
    expect(result).toEqual({ ok: false, formError: "The selection changed: 1 user matches now instead of 5. Review it and try again." });
  });
});

describe("suspend, reactivate, delete, change group", () => {
  it("suspending ends the users' sessions; reactivating restores Active or Invited", async () => {
    signInAs(acme.users.ADMIN);
    const version = (await userOf(acme.users.MEMBER.id)).sessionVersion;
    expect(await bulkSuspendAction(undefined, { selection: ids(acme.users.MEMBER, acme.users.SUPPORT_STAFF), expectedCount: 2 })).toEqual({ ok: true, data: { count: 2 } });
    expect(await userOf(acme.users.MEMBER.id)).toMatchObject({ status: "SUSPENDED", sessionVersion: version + 1 });
    signInAs(acme.users.MEMBER); // their old session no longer works
    expect(await bulkSuspendAction(undefined, { selection: ids(acme.users.ADMIN), expectedCount: 1 })).toEqual({ ok: false, formError: "Your session has ended. Sign in again." });

    await getDb().user.update({ where: { id: acme.users.SUPPORT_STAFF.id }, data: { passwordHash: null } });
    signInAs(acme.users.ADMIN);
    expect(await bulkReactivateAction(undefined, { selection: ids(acme.users.MEMBER, acme.users.SUPPORT_STAFF), expectedCount: 2 })).toEqual({ ok: true, data: { count: 2 } });
    expect((await userOf(acme.users.MEMBER.id)).status).toBe("ACTIVE");
    expect((await userOf(acme.users.SUPPORT_STAFF.id)).status).toBe("INVITED");
  });

  it("deleting frees the users' licences and keeps who they were in the audit log", async () => {
    await getDb().licenceAssignment.create({
      data: { accountId: acme.account.id, userId: acme.users.MEMBER.id, subscriptionId: (await getDb().subscription.findFirstOrThrow({ where: { accountId: acme.account.id } })).id },
    });
    signInAs(acme.users.ADMIN);
    expect(await bulkDeleteAction(undefined, { selection: ids(acme.users.MEMBER), expectedCount: 1 })).toEqual({ ok: true, data: { count: 1 } });
    expect(await getDb().user.findUnique({ where: { id: acme.users.MEMBER.id } })).toBeNull();
    expect(await getDb().licenceAssignment.count({ where: { userId: acme.users.MEMBER.id } })).toBe(0);
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { action: "user.delete", targetId: acme.users.MEMBER.id } });
    expect(event.before).toMatchObject({ email: acme.users.MEMBER.email, role: "MEMBER", licences: 1 });
  });

  it("moves users to a group of the account, or to none; another account's group is not found", async () => {
    const group = await getDb().userGroup.findFirstOrThrow({ where: { accountId: acme.account.id } });
    const foreign = await getDb().userGroup.findFirstOrThrow({ where: { accountId: other.account.id } });
    signInAs(acme.users.ADMIN);
    expect(await bulkChangeGroupAction(undefined, { selection: ids(acme.users.MEMBER), expectedCount: 1, groupId: group.id })).toEqual({ ok: true, data: { count: 1 } });
    expect((await userOf(acme.users.MEMBER.id)).groupId).toBe(group.id);
    expect(await bulkChangeGroupAction(undefined, { selection: ids(acme.users.MEMBER), expectedCount: 1, groupId: foreign.id })).toEqual({ ok: false, formError: "That item doesn't exist in your account." });
    expect(await bulkChangeGroupAction(undefined, { selection: ids(acme.users.MEMBER), expectedCount: 1, groupId: "none" })).toEqual({ ok: true, data: { count: 1 } });
    expect((await userOf(acme.users.MEMBER.id)).groupId).toBeNull();
  });
});

describe("every bulk action refuses", () => {
  const actions = {
    changeRole: (sel: Record<string, unknown>) => bulkChangeRoleAction(undefined, { ...sel, role: "MEMBER" }),
    changeGroup: (sel: Record<string, unknown>) => bulkChangeGroupAction(undefined, { ...sel, groupId: "none" }),
    suspend: (sel: Record<string, unknown>) => bulkSuspendAction(undefined, sel),
    reactivate: (sel: Record<string, unknown>) => bulkReactivateAction(undefined, sel),
    delete: (sel: Record<string, unknown>) => bulkDeleteAction(undefined, sel),
  };
  for (const [name, run] of Object.entries(actions)) {
    it(`${name}: signed out, member, support staff, another account's ids, a smuggled accountId`, async () => {
      const before = await snapshot(acme.account.id);
      const target = { selection: ids(acme.users.MEMBER), expectedCount: 1 };
      expect(await run(target)).toEqual({ ok: false, formError: "Your session has ended. Sign in again." });
      for (const role of ["MEMBER", "SUPPORT_STAFF"] as const) {
        signInAs(acme.users[role]);
        expect(await run(target)).toEqual({ ok: false, formError: "Your role doesn't allow this." });
      }
      signInAs(other.users.ADMIN);
      expect(await run({ ...target, accountId: acme.account.id })).toEqual({
        ok: false, formError: "The selection changed: 0 users match now instead of 1. Review it and try again.",
      });
      expect(await snapshot(acme.account.id)).toBe(before);
    });
  }

  it("malformed selections, including a filter that would silently widen to everyone", async () => {
    signInAs(acme.users.ADMIN);
    const bad = await bulkSuspendAction(undefined, { selection: { mode: "matching", filters: { status: "NOPE" } }, expectedCount: 1 });
    expect(bad.ok).toBe(false);
    const empty = await bulkSuspendAction(undefined, { selection: { mode: "ids", ids: [] }, expectedCount: 1 });
    expect(empty.ok).toBe(false);
    expect(await getDb().user.count({ where: { accountId: acme.account.id, status: "SUSPENDED" } })).toBe(0);
  });
});

describe("updateUserProfileAction", () => {
  const profile = (user: { id: string }, extra: Record<string, string> = {}) => ({
    id: user.id, firstName: "Zoë", lastName: "Ørsted", locale: "fr", timeZone: "Europe/Paris", groupId: "none", role: "MEMBER", ...extra,
  });

  it("updates the profile, keeps search keys in step and audits only what changed", async () => {
    signInAs(acme.users.ADMIN);
    expect(await updateUserProfileAction(undefined, profile(acme.users.MEMBER))).toEqual({ ok: true, data: { id: acme.users.MEMBER.id, changed: 4 } });
    const user = await userOf(acme.users.MEMBER.id);
    expect(user).toMatchObject({ firstName: "Zoë", lastName: "Ørsted", locale: "fr", timeZone: "Europe/Paris" });
    expect({ nameKey: user.nameKey, searchText: user.searchText }).toEqual(userKeys(user));
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { action: "user.profile.update", targetId: user.id } });
    expect(event.before).toEqual({ firstName: "MEMBER", lastName: acme.users.MEMBER.lastName, locale: "en", timeZone: "UTC" });
  });

  it("reports every invalid field at once and changes nothing", async () => {
    signInAs(acme.users.ADMIN);
    const result = await updateUserProfileAction(undefined, profile(acme.users.MEMBER, { firstName: " ", lastName: "x".repeat(51), timeZone: "Mars/Olympus", locale: "xx" }));
    expect(result.ok).toBe(false);
    expect(Object.keys((result as { fieldErrors: object }).fieldErrors).sort()).toEqual(["firstName", "lastName", "locale", "timeZone"]);
    expect((await userOf(acme.users.MEMBER.id)).firstName).toBe("MEMBER");
  });

  it("refuses escalation, edits above the caller, own role change; scopes ids to the account", async () => {
    signInAs(acme.users.ADMIN);
    expect(await updateUserProfileAction(undefined, profile(acme.users.MEMBER, { role: "ACCOUNT_HOLDER" }))).toEqual({ ok: false, formError: "You can't grant a role above your own." });
    expect(await updateUserProfileAction(undefined, profile(acme.users.ACCOUNT_HOLDER, { role: "ACCOUNT_HOLDER" }))).toEqual({ ok: false, formError: "You can't change users whose role is above yours." });
    expect(await updateUserProfileAction(undefined, profile(acme.users.ADMIN, { role: "MEMBER" }))).toEqual({ ok: false, formError: "You can't do this to your own user." });
    expect(await updateUserProfileAction(undefined, profile(other.users.MEMBER))).toEqual({ ok: false, formError: "That item doesn't exist in your account." });
    expect((await userOf(other.users.MEMBER.id)).firstName).toBe("MEMBER");
    signInAs(acme.users.SUPPORT_STAFF);
    expect(await updateUserProfileAction(undefined, profile(acme.users.MEMBER))).toEqual({ ok: false, formError: "Your role doesn't allow this." });
    signInAs(null);
    expect(await updateUserProfileAction(undefined, profile(acme.users.MEMBER))).toEqual({ ok: false, formError: "Your session has ended. Sign in again." });
    expect((await userOf(acme.users.MEMBER.id)).firstName).toBe("MEMBER");
  });
});

describe("assertHolderRemains (behind every path that demotes, suspends or deletes)", () => {
  it("refuses to remove the last active account holder, allows it when another remains", async () => {
    const { assertHolderRemains } = await import("@/lib/users/rules");
    const holder = await userOf(acme.users.ACCOUNT_HOLDER.id);
    await expect(assertHolderRemains(getDb(), acme.account.id, [holder])).rejects.toMatchObject({ messageKey: "errors.lastAccountHolder" });
    await getDb().user.update({ where: { id: acme.users.ADMIN.id }, data: { role: "ACCOUNT_HOLDER" } });
    await expect(assertHolderRemains(getDb(), acme.account.id, [holder])).resolves.toBeUndefined();
  });
});

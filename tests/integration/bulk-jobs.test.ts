// Bulk jobs on "all matching" users (lib/users/bulk-job.ts, decision 0029): started by the users
// list's actions, run chunk by chunk by runBulkJob (what the queue's worker calls).
import { beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "../support/session";
import { createTestAccount, type TestAccount } from "../support/accounts";
import {
  bulkChangeGroupAction,
  bulkChangeRoleAction,
  bulkDeleteAction,
  bulkReactivateAction,
  bulkSuspendAction,
  cancelBulkJobAction,
  bulkCapabilitiesAction,
  removeProductsAction,
} from "@/app/(app)/people/users/actions";
import { getDb } from "@/lib/db/client";
import { seedBulkUsers } from "@/lib/seed/bulk";
import { runBulkJob } from "@/lib/users/bulk-job";
import { userCounts } from "@/lib/users/counts";
import en from "@/messages/en.json";

const SEEDED = 1200;
const CHUNK = 250;

let acme: TestAccount;
let other: TestAccount;

beforeEach(async () => {
  acme = await createTestAccount("Acme");
  other = await createTestAccount("Other");
  await seedBulkUsers(getDb(), { accountId: acme.account.id, users: SEEDED, seed: 7, batchSize: 500 });
  await seedBulkUsers(getDb(), { accountId: other.account.id, users: 300, seed: 8 });
  signInAs(null);
});

const db = () => getDb();
const count = (accountId: string, where: object = {}) => db().user.count({ where: { accountId, ...where } });
const matching = (filters: object) => ({ mode: "matching" as const, filters });
const snapshot = async (accountId: string) =>
  JSON.stringify(await db().user.findMany({ where: { accountId }, orderBy: { id: "asc" }, select: { id: true, role: true, status: true, groupId: true, sessionVersion: true } }));
const jobOf = (data: unknown) => db().bulkJob.findUniqueOrThrow({ where: { id: (data as { jobId: string }).jobId } });
const events = (accountId: string, action: string) => db().auditEvent.findMany({ where: { accountId, action } });

/** The counters ("UserCountDelta") against counting the users themselves. */
async function expectCountersExact(accountId: string) {
  const counters = await userCounts(db(), accountId);
  const rows = await db().user.findMany({ where: { accountId }, select: { role: true, status: true, groupId: true } });
  const real = new Map<string, number>();
  for (const u of rows) for (const key of ["all", `status:${u.status}`, `role:${u.role}`, `group:${u.groupId ?? "none"}`]) real.set(key, (real.get(key) ?? 0) + 1);
  for (const [key, n] of real) expect(counters.get(key), key).toBe(n);
}

async function start(action: Promise<unknown>) {
  const result = (await action) as { ok: boolean; data?: { jobId: string; total: number }; formError?: string };
  expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  return result.data!;
}

describe("bulk change role of all matching users", () => {
  it("starts a job (queued with pg-boss), then changes every match chunk by chunk, audited per user and once in summary", async () => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    const members = await count(acme.account.id, { role: "MEMBER" });
    expect(members).toBeGreaterThan(3 * CHUNK);
    const otherBefore = await snapshot(other.account.id);

    const started = await start(bulkChangeRoleAction(undefined, { selection: matching({ role: "MEMBER" }), expectedCount: members, role: "SUPPORT_STAFF" }));
    expect(started.total).toBe(members);
    expect(await count(acme.account.id, { role: "MEMBER" }), "nothing changes before the job runs").toBe(members);
    const queued = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'bulk-users' AND data->>'jobId' = ${started.jobId}`;
    expect(queued[0].n).toBe(1);

    let chunks = 0;
    await runBulkJob(db(), started.jobId, { chunkSize: CHUNK, afterChunk: async () => void chunks++ });
    expect(chunks).toBe(Math.ceil(members / CHUNK));

    expect(await count(acme.account.id, { role: "MEMBER" })).toBe(0);
    expect(await snapshot(other.account.id), "another account's users are never touched").toBe(otherBefore);
    const job = await jobOf(started);
    expect(job).toMatchObject({ status: "DONE", total: members, processed: members, changed: members });
    const perUser = await events(acme.account.id, "user.role.change");
    expect(perUser).toHaveLength(members);
    expect(perUser[0]).toMatchObject({ actorId: acme.users.ACCOUNT_HOLDER.id, targetType: "user", before: { role: "MEMBER" }, after: { role: "SUPPORT_STAFF" } });
    const [summary, ...more] = await events(acme.account.id, "user.bulk.role.change");
    expect(more).toEqual([]);
    expect(summary).toMatchObject({ actorId: acme.users.ACCOUNT_HOLDER.id, targetId: job.id, after: { filters: { role: "MEMBER" }, role: "SUPPORT_STAFF", total: members, changed: members, outcome: "DONE" } });
    expect(await events(acme.account.id, "user.bulk.start")).toHaveLength(1);
    await expectCountersExact(acme.account.id);
    await expectCountersExact(other.account.id);
  });

  it("says more than 10,000 honestly: a capped count must still be above the cap", async () => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    const before = await snapshot(acme.account.id);
    const all = await count(acme.account.id);
    const result = await bulkChangeRoleAction(undefined, { selection: matching({ q: "a" }), expectedCount: 10_000, countAtLeast: true, role: "MEMBER" });
    expect(result).toMatchObject({ ok: false });
    expect(result).toEqual({ ok: false, formError: `The selection changed: ${(await count(acme.account.id, { searchText: { contains: "a" } })).toLocaleString("en")} users match now, not more than 10,000. Review it and try again.` });
    expect(await snapshot(acme.account.id)).toBe(before);
    expect(await db().bulkJob.count({ where: { accountId: acme.account.id } })).toBe(0);
    expect(all).toBeLessThan(10_000);
  });
});

describe("refusals at the start leave the database unchanged", () => {
  const refusedWith = async (call: () => Promise<unknown>, message: string) => {
    const before = await snapshot(acme.account.id);
    const jobs = await db().bulkJob.count();
    expect(await call()).toEqual({ ok: false, formError: message });
    expect(await snapshot(acme.account.id)).toBe(before);
    expect(await db().bulkJob.count()).toBe(jobs);
  };

  it("a count that changed", async () => {
    signInAs(acme.users.ADMIN);
    const members = await count(acme.account.id, { role: "MEMBER" });
    await refusedWith(() => bulkSuspendAction(undefined, { selection: matching({ role: "MEMBER" }), expectedCount: members + 1 }),
      `The selection changed: ${members.toLocaleString("en")} users match now instead of ${members + 1}. Review it and try again.`);
  });

  it("users above the caller's role, the caller's own user, a role above the caller's", async () => {
    signInAs(acme.users.ADMIN);
    const all = await count(acme.account.id);
    await refusedWith(() => bulkSuspendAction(undefined, { selection: matching({}), expectedCount: all }),
      "1 of the selected users has a role above yours. Nothing was changed: leave them out of the selection and try again.");
    const admins = await count(acme.account.id, { role: "ADMIN" });
    await refusedWith(() => bulkDeleteAction(undefined, { selection: matching({ role: "ADMIN" }), expectedCount: admins }), en.errors.notYourself);
    const members = await count(acme.account.id, { role: "MEMBER" });
    await refusedWith(() => bulkChangeRoleAction(undefined, { selection: matching({ role: "MEMBER" }), expectedCount: members, role: "ACCOUNT_HOLDER" }), en.errors.roleTooHigh);
  });

  it("a second job while one runs: two concurrent starts make one job", async () => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    const members = await count(acme.account.id, { role: "MEMBER" });
    const input = { selection: matching({ role: "MEMBER" }), expectedCount: members, role: "ADMIN" };
    const results = await Promise.all([bulkChangeRoleAction(undefined, input), bulkChangeRoleAction(undefined, input)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, formError: en.errors.bulkJobRunning });
    expect(await db().bulkJob.count({ where: { accountId: acme.account.id } })).toBe(1);
  });

  it("in-request actions refuse more than 10,000 matching users; a few are fine", async () => {
    await seedBulkUsers(db(), { accountId: acme.account.id, users: 9000, seed: 9 });
    signInAs(acme.users.ACCOUNT_HOLDER);
    await refusedWith(() => removeProductsAction(undefined, { selection: matching({}), expectedCount: 10_000, countAtLeast: true, productCode: "central", notify: false }),
      "This action can change at most 10,000 users at once. Narrow the filters or tick users on the page.");
  });
});

describe("each operation as a job", () => {
  it("suspends: sessions revoked and session versions bumped, set-based; then reactivates", async () => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    const members = await db().user.findMany({ where: { accountId: acme.account.id, role: "MEMBER" }, select: { id: true, status: true, sessionVersion: true } });
    const target = acme.users.MEMBER;
    const suspendedBefore = members.filter((m) => m.status === "SUSPENDED").length;
    const started = await start(bulkSuspendAction(undefined, { selection: matching({ role: "MEMBER" }), expectedCount: members.length }));
    await runBulkJob(db(), started.jobId, { chunkSize: CHUNK });
    expect(await count(acme.account.id, { role: "MEMBER", status: { not: "SUSPENDED" } })).toBe(0);
    expect(await db().session.count({ where: { userId: target.id, revokedAt: null } })).toBe(0);
    expect((await db().user.findUniqueOrThrow({ where: { id: target.id } })).sessionVersion).toBe(target.sessionVersion + 1);
    expect(await db().session.count({ where: { userId: acme.users.ADMIN.id, revokedAt: null } }), "others keep theirs").toBe(1);
    expect(await jobOf(started)).toMatchObject({ status: "DONE", changed: members.length - suspendedBefore });
    expect(await events(acme.account.id, "user.suspend")).toHaveLength(members.length - suspendedBefore);
    await expectCountersExact(acme.account.id);

    const again = await start(bulkReactivateAction(undefined, { selection: matching({ role: "MEMBER" }), expectedCount: members.length }));
    await runBulkJob(db(), again.jobId, { chunkSize: CHUNK });
    expect(await count(acme.account.id, { role: "MEMBER", status: "SUSPENDED" })).toBe(0);
    expect((await db().user.findUniqueOrThrow({ where: { id: target.id } })).status).toBe("ACTIVE");
    expect(await events(acme.account.id, "user.bulk.reactivate")).toHaveLength(1);
    await expectCountersExact(acme.account.id);
  });

  it("moves to a group, and out of it", async () => {
    signInAs(acme.users.ADMIN);
    const group = await db().userGroup.findFirstOrThrow({ where: { accountId: acme.account.id, name: "Helpdesk" } });
    const filters = { role: "SUPPORT_STAFF" as const };
    const n = await count(acme.account.id, filters);
    const started = await start(bulkChangeGroupAction(undefined, { selection: matching(filters), expectedCount: n, groupId: group.id }));
    await runBulkJob(db(), started.jobId, { chunkSize: 20 });
    expect(await count(acme.account.id, { ...filters, groupId: group.id })).toBe(n);
    const out = await start(bulkChangeGroupAction(undefined, { selection: matching(filters), expectedCount: n, groupId: "none" }));
    await runBulkJob(db(), out.jobId, { chunkSize: 20 });
    expect(await count(acme.account.id, { ...filters, groupId: null })).toBe(n);
    expect(await db().auditEvent.count({ where: { accountId: acme.account.id, action: "user.group.change", after: { equals: { groupId: null } } } })).toBe(n);
    await expectCountersExact(acme.account.id);
  });

  it("deletes, keeping who they were and their licence count in the audit", async () => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    const filters = { role: "ADMIN" as const, product: "central" };
    const licensed = await db().user.findMany({ where: { accountId: acme.account.id, role: "ADMIN", id: { not: acme.users.ADMIN.id } }, select: { id: true } });
    const n = await count(acme.account.id, { role: "ADMIN", assignments: { some: {} } });
    expect(n).toBeGreaterThan(0);
    const started = await start(bulkDeleteAction(undefined, { selection: matching(filters), expectedCount: n }));
    await runBulkJob(db(), started.jobId, { chunkSize: 3 });
    expect(await count(acme.account.id, { role: "ADMIN", assignments: { some: {} } })).toBe(0);
    const deleted = await events(acme.account.id, "user.delete");
    expect(deleted).toHaveLength(n);
    expect(deleted[0].before).toMatchObject({ licences: 1, role: "ADMIN", email: expect.stringContaining("@") });
    expect(licensed.length).toBeGreaterThan(n - 1);
    await expectCountersExact(acme.account.id);
  });
});

describe("edit capabilities as a job", () => {
  it("switches only users with Remote Support, audited as today's capabilities.update", async () => {
    signInAs(acme.users.ADMIN);
    // Remote Support for 40 members (the seeder gives only Central), 10 of them with remote control off already.
    const sub = await db().subscription.findFirstOrThrow({ where: { accountId: acme.account.id, product: { code: "remote-support" } } });
    await db().subscription.update({ where: { id: sub.id }, data: { seatsPurchased: 100 } });
    const some = await db().user.findMany({ where: { accountId: acme.account.id, role: "MEMBER" }, take: 40, orderBy: { email: "asc" }, select: { id: true } });
    await db().licenceAssignment.createMany({ data: some.map((u) => ({ accountId: acme.account.id, subscriptionId: sub.id, userId: u.id })) });
    await db().user.updateMany({ where: { id: { in: some.slice(0, 10).map((u) => u.id) } }, data: { remoteControl: false } });
    await db().user.updateMany({ where: { id: { in: some.slice(10).map((u) => u.id) } }, data: { remoteControl: true } });
    const remote = await db().user.findMany({
      where: { accountId: acme.account.id, role: "MEMBER", assignments: { some: { subscription: { product: { code: "remote-support" } } } } },
      select: { id: true, remoteControl: true },
    });
    const members = await count(acme.account.id, { role: "MEMBER" });
    const withoutRemote = { role: "MEMBER" as const, id: { notIn: some.map((u) => u.id) } };
    const keptOn = await count(acme.account.id, { ...withoutRemote, remoteControl: true });
    expect(keptOn).toBeGreaterThan(0);
    const started = await start(bulkCapabilitiesAction(undefined, {
      selection: matching({ role: "MEMBER" }), expectedCount: members, unattendedAccess: "keep", fileManagement: "keep", remoteControl: "off",
    }));
    await runBulkJob(db(), started.jobId, { chunkSize: CHUNK });
    const turnedOff = remote.filter((u) => u.remoteControl).length;
    expect(turnedOff).toBe(30);
    expect(await jobOf(started)).toMatchObject({ status: "DONE", processed: members, changed: turnedOff });
    expect(await count(acme.account.id, { ...withoutRemote, remoteControl: true }), "members without Remote Support keep theirs").toBe(keptOn);
    expect(await count(acme.account.id, { id: { in: remote.map((u) => u.id) }, remoteControl: true })).toBe(0);
    const perUser = await events(acme.account.id, "capabilities.update");
    expect(perUser).toHaveLength(turnedOff);
    expect(perUser[0]).toMatchObject({ before: { remoteControl: true }, after: { remoteControl: false } });
    expect(await events(acme.account.id, "user.bulk.capabilities.update")).toHaveLength(1);
  });
});

describe("cancelling and running twice", () => {
  it("cancel stops between chunks: the chunks done stay, the rest is untouched, one summary says so", async () => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    const members = await count(acme.account.id, { role: "MEMBER" });
    const started = await start(bulkChangeRoleAction(undefined, { selection: matching({ role: "MEMBER" }), expectedCount: members, role: "SUPPORT_STAFF" }));
    let chunks = 0;
    await runBulkJob(db(), started.jobId, {
      chunkSize: CHUNK,
      afterChunk: async () => {
        if (++chunks === 2) expect(await cancelBulkJobAction(undefined, { jobId: started.jobId })).toMatchObject({ ok: true });
      },
    });
    const job = await jobOf(started);
    expect(job).toMatchObject({ status: "CANCELLED", processed: 2 * CHUNK });
    expect(await count(acme.account.id, { role: "MEMBER" })).toBe(members - job.changed);
    expect(await events(acme.account.id, "user.role.change")).toHaveLength(job.changed);
    expect(await events(acme.account.id, "user.bulk.cancel")).toHaveLength(1);
    expect((await events(acme.account.id, "user.bulk.role.change")).map((e) => e.after)).toEqual([expect.objectContaining({ outcome: "CANCELLED", changed: job.changed })]);
    expect(await cancelBulkJobAction(undefined, { jobId: started.jobId })).toEqual({ ok: false, formError: en.errors.bulkJobEnded });
    await expectCountersExact(acme.account.id);
  });

  it("a queued job cancelled never runs", async () => {
    signInAs(acme.users.ADMIN);
    const members = await count(acme.account.id, { role: "MEMBER" });
    const started = await start(bulkSuspendAction(undefined, { selection: matching({ role: "MEMBER" }), expectedCount: members }));
    expect(await cancelBulkJobAction(undefined, { jobId: started.jobId })).toEqual({ ok: true, data: { status: "CANCELLED" } });
    await runBulkJob(db(), started.jobId, { chunkSize: CHUNK });
    expect(await jobOf(started)).toMatchObject({ status: "CANCELLED", processed: 0 });
    expect(await events(acme.account.id, "user.suspend")).toHaveLength(0);
  });

  it("the same job delivered twice at once applies each user once", async () => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    const members = await count(acme.account.id, { role: "MEMBER" });
    const started = await start(bulkChangeRoleAction(undefined, { selection: matching({ role: "MEMBER" }), expectedCount: members, role: "ADMIN" }));
    await Promise.all([runBulkJob(db(), started.jobId, { chunkSize: CHUNK }), runBulkJob(db(), started.jobId, { chunkSize: CHUNK })]);
    expect(await jobOf(started)).toMatchObject({ status: "DONE", processed: members, changed: members });
    expect(await events(acme.account.id, "user.role.change")).toHaveLength(members);
    expect(await events(acme.account.id, "user.bulk.role.change")).toHaveLength(1);
  });

  it("fails, changing nothing more, when its creator may no longer do this", async () => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    const members = await count(acme.account.id, { role: "MEMBER" });
    const started = await start(bulkChangeRoleAction(undefined, { selection: matching({ role: "MEMBER" }), expectedCount: members, role: "ADMIN" }));
    await db().user.update({ where: { id: acme.users.ACCOUNT_HOLDER.id }, data: { role: "SUPPORT_STAFF" } });
    await runBulkJob(db(), started.jobId, { chunkSize: CHUNK });
    expect(await jobOf(started)).toMatchObject({ status: "FAILED", error: "errors.forbidden", changed: 0 });
    expect(await count(acme.account.id, { role: "MEMBER" })).toBe(members);
  });

  it("a job started by someone above the caller's role is theirs to cancel", async () => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    const n = await count(acme.account.id, { role: "MEMBER" });
    const started = await start(bulkSuspendAction(undefined, { selection: matching({ role: "MEMBER" }), expectedCount: n }));
    signInAs(acme.users.ADMIN);
    expect(await cancelBulkJobAction(undefined, { jobId: started.jobId })).toEqual({ ok: false, formError: en.errors.targetAboveYou });
    expect(await jobOf(started)).toMatchObject({ status: "QUEUED", cancelRequestedAt: null });
  });

  it("another account's job can't be cancelled (not found)", async () => {
    signInAs(other.users.ACCOUNT_HOLDER);
    const n = await count(other.account.id, { role: "MEMBER" });
    const started = await start(bulkSuspendAction(undefined, { selection: matching({ role: "MEMBER" }), expectedCount: n }));
    signInAs(acme.users.ACCOUNT_HOLDER);
    expect(await cancelBulkJobAction(undefined, { jobId: started.jobId })).toEqual({ ok: false, formError: en.errors.notFound });
    expect(await jobOf(started)).toMatchObject({ status: "QUEUED", cancelRequestedAt: null });
  });
});

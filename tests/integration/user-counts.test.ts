import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { seedBulkUsers } from "@/lib/seed/bulk";
import { COUNT_CAP, countUsers, foldUserCounts, userCounts } from "@/lib/users/counts";
import { userFiltersSchema } from "@/lib/users/list-params";
import { createTestAccount } from "../support/accounts";

// The counters kept by prisma/sql/user-counts.sql must equal what counting the users gives, after
// any mix of writes: inserts, updates of each counted column, moves between accounts, deletes.

let accountId: string;
let otherId: string;

/** What the counters should say, counted the slow way. */
async function counted(id: string): Promise<Map<string, number>> {
  const rows = await getDb().$queryRaw<{ key: string; count: number }[]>`
    SELECT k.key, count(*)::int AS count FROM "User" u,
      unnest(ARRAY['all', 'status:' || u.status, 'role:' || u.role, 'group:' || coalesce(u."groupId"::text, 'none'),
        'twoStep:' || CASE WHEN u."twoStepEnabled" THEN 'on' ELSE 'off' END]) AS k(key)
    WHERE u."accountId" = ${id}::uuid GROUP BY k.key`;
  return new Map(rows.map((row) => [row.key, row.count]));
}

const sorted = (map: Map<string, number>) => [...map.entries()].sort(([a], [b]) => a.localeCompare(b));

beforeAll(async () => {
  accountId = (await createTestAccount("Counts")).account.id;
  otherId = (await createTestAccount("Counts other")).account.id;
  await seedBulkUsers(getDb(), { accountId, users: 1_500, batchSize: 400, seed: 7 });
  await seedBulkUsers(getDb(), { accountId: otherId, users: 300, seed: 8 });
}, 120_000);

describe("user counters", () => {
  it("equal the real counts per key after seeding, for each account", async () => {
    expect(sorted(await userCounts(getDb(), accountId))).toEqual(sorted(await counted(accountId)));
    expect(sorted(await userCounts(getDb(), otherId))).toEqual(sorted(await counted(otherId)));
    expect((await userCounts(getDb(), accountId)).get("all")).toBeGreaterThanOrEqual(1_500);
  });

  it("follow updates of every counted column, moves between accounts and deletes", async () => {
    const db = getDb();
    const [group] = await db.userGroup.findMany({ where: { accountId }, take: 1 });
    await db.$executeRaw`UPDATE "User" SET status = 'SUSPENDED' WHERE "accountId" = ${accountId}::uuid AND status = 'ACTIVE' AND "nameKey" < 'f'`;
    await db.$executeRaw`UPDATE "User" SET role = 'ADMIN', "groupId" = ${group.id}::uuid WHERE "accountId" = ${accountId}::uuid AND role = 'MEMBER' AND "nameKey" > 's'`;
    await db.$executeRaw`UPDATE "User" SET "twoStepEnabled" = true WHERE "accountId" = ${accountId}::uuid AND "createdAt" < now() - interval '1 year'`;
    await db.$executeRaw`UPDATE "User" SET "firstName" = "firstName" WHERE "accountId" = ${accountId}::uuid`; // counts nothing
    const moved = await db.user.findMany({ where: { accountId, role: { not: "ACCOUNT_HOLDER" } }, take: 25, select: { id: true } });
    await db.user.updateMany({ where: { id: { in: moved.map((u) => u.id) } }, data: { accountId: otherId, groupId: null } });
    await db.user.deleteMany({ where: { accountId, status: "INVITED", role: "SUPPORT_STAFF" } });
    await db.userGroup.delete({ where: { id: group.id } }); // ON DELETE SET NULL updates its users
    expect(sorted(await userCounts(db, accountId))).toEqual(sorted(await counted(accountId)));
    expect(sorted(await userCounts(db, otherId))).toEqual(sorted(await counted(otherId)));
  });

  it("an update of columns nobody counts appends nothing", async () => {
    const before = await getDb().userCountDelta.count({ where: { accountId } });
    await getDb().$executeRaw`UPDATE "User" SET "timeZone" = 'Europe/Paris' WHERE "accountId" = ${accountId}::uuid`;
    expect(await getDb().userCountDelta.count({ where: { accountId } })).toBe(before);
  });

  it("a rolled-back transaction leaves the counts as they were", async () => {
    const before = sorted(await userCounts(getDb(), accountId));
    await expect(
      getDb().$transaction(async (tx) => {
        await tx.$executeRaw`UPDATE "User" SET status = 'SUSPENDED' WHERE "accountId" = ${accountId}::uuid`;
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(sorted(await userCounts(getDb(), accountId))).toEqual(before);
  });

  it("folding keeps the sums and leaves one row per key", async () => {
    const before = sorted(await userCounts(getDb(), accountId));
    await foldUserCounts(getDb(), accountId);
    expect(sorted(await userCounts(getDb(), accountId))).toEqual(before);
    const keys = await getDb().$queryRaw<{ rows: number; keys: number }[]>`
      SELECT count(*)::int AS rows, count(DISTINCT key)::int AS keys FROM "UserCountDelta" WHERE "accountId" = ${accountId}::uuid`;
    expect(keys[0].rows).toBe(keys[0].keys);
  });

  it("concurrent writers and a concurrent fold lose nothing", async () => {
    const db = getDb();
    const ids = (await db.user.findMany({ where: { accountId, role: { not: "ACCOUNT_HOLDER" } }, select: { id: true }, take: 200 })).map((u) => u.id);
    const statuses = ["ACTIVE", "SUSPENDED", "INVITED", "TRANSFER_PENDING"] as const;
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) =>
        db.$transaction(async (tx) => {
          for (const id of ids.slice(i * 10, i * 10 + 10)) await tx.user.update({ where: { id }, data: { status: statuses[i % 4] } });
        }),
      ),
      foldUserCounts(db, accountId),
      foldUserCounts(db, accountId),
    ]);
    expect(sorted(await userCounts(db, accountId))).toEqual(sorted(await counted(accountId)));
  });
});

describe("countUsers", () => {
  const filters = (input: Record<string, string>) => userFiltersSchema.parse(input);

  it("answers single filters from the counters, exactly", async () => {
    const real = await counted(accountId);
    expect(await countUsers(getDb(), accountId, filters({}))).toEqual({ value: real.get("all"), exact: true });
    expect(await countUsers(getDb(), accountId, filters({ status: "SUSPENDED" }))).toEqual({ value: real.get("status:SUSPENDED"), exact: true });
    expect(await countUsers(getDb(), accountId, filters({ role: "ADMIN" }))).toEqual({ value: real.get("role:ADMIN"), exact: true });
    expect(await countUsers(getDb(), accountId, filters({ group: "none" }))).toEqual({ value: real.get("group:none"), exact: true });
    expect(await countUsers(getDb(), accountId, filters({ twoStep: "on" }))).toEqual({ value: real.get("twoStep:on") ?? 0, exact: true });
    const central = await getDb().licenceAssignment.count({ where: { accountId, subscription: { product: { code: "central" } } } });
    expect(await countUsers(getDb(), accountId, filters({ product: "central" }))).toEqual({ value: central, exact: true });
    expect(await countUsers(getDb(), accountId, filters({ product: "remote-support" }))).toEqual({ value: 0, exact: true });
  });

  it("counts several filters and searches through the list's condition", async () => {
    const expected = await getDb().user.count({ where: { accountId, status: "SUSPENDED", role: "ADMIN" } });
    expect(await countUsers(getDb(), accountId, filters({ status: "SUSPENDED", role: "ADMIN" }))).toEqual({ value: expected, exact: true });
    const zoe = await getDb().user.count({ where: { accountId, searchText: { contains: "zoe" } } });
    expect(zoe).toBeGreaterThan(0);
    expect(await countUsers(getDb(), accountId, filters({ q: "ZOË" }))).toEqual({ value: zoe, exact: true });
  });

  it(`stops at ${COUNT_CAP.toLocaleString("en")} and says so when more match`, async () => {
    const { account } = await createTestAccount("Counts cap");
    await seedBulkUsers(getDb(), { accountId: account.id, users: COUNT_CAP + 5, batchSize: 5_000 });
    // Every bulk user's email ends in "@bulk.example": a search matching more than the cap.
    expect(await countUsers(getDb(), account.id, filters({ q: "bulk.example" }))).toEqual({ value: COUNT_CAP, exact: false });
    // The counters are exact at any size.
    const all = await getDb().user.count({ where: { accountId: account.id } });
    expect(await countUsers(getDb(), account.id, filters({}))).toEqual({ value: all, exact: true });
  }, 120_000);
});

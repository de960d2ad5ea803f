import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { seedBulkUsers } from "@/lib/seed/bulk";
import { createAccount } from "@/lib/seed/accounts";
import { userKeys } from "@/lib/users/search-key";
import { createTestAccount } from "../support/accounts";

const USERS = 2000;

let accountId: string;
let before: { users: number; holders: number };

beforeAll(async () => {
  const { account } = await createTestAccount("Bulk");
  accountId = account.id;
  before = {
    users: await getDb().user.count({ where: { accountId } }),
    holders: await getDb().user.count({ where: { accountId, role: "ACCOUNT_HOLDER" } }),
  };
  const result = await seedBulkUsers(getDb(), { accountId, users: USERS, batchSize: 700 });
  expect(result.inserted).toBe(USERS);
}, 120_000);

describe("seedBulkUsers", () => {
  it("adds exactly the users asked for, none of them an account holder", async () => {
    const db = getDb();
    expect(await db.user.count({ where: { accountId } })).toBe(before.users + USERS);
    expect(await db.user.count({ where: { accountId, role: "ACCOUNT_HOLDER" } })).toBe(before.holders);
    const bulk = await db.user.count({ where: { accountId, email: { endsWith: "@bulk.example" } } });
    expect(bulk).toBe(USERS);
    expect(await db.user.count({ where: { accountId, email: { endsWith: "@bulk.example" }, passwordHash: { not: null } } })).toBe(0);
  });

  it("writes unique lower-case emails and the keys userKeys() computes", async () => {
    const users = await getDb().user.findMany({
      where: { accountId },
      select: { email: true, firstName: true, lastName: true, nameKey: true, searchText: true },
    });
    expect(new Set(users.map((u) => u.email)).size).toBe(users.length);
    for (const u of users) {
      expect(u.email).toBe(u.email.trim().toLowerCase());
      expect({ nameKey: u.nameKey, searchText: u.searchText }).toEqual(userKeys(u));
    }
  });

  it("varies names (accented ones included), roles, statuses, groups and sign-up dates", async () => {
    const db = getDb();
    const users = await db.user.findMany({
      where: { accountId, email: { endsWith: "@bulk.example" } },
      select: { firstName: true, lastName: true, role: true, status: true, groupId: true, createdAt: true, updatedAt: true },
    });
    expect(new Set(users.map((u) => `${u.firstName} ${u.lastName}`)).size).toBeGreaterThan(500);
    expect(users.some((u) => /[^\x00-\x7f]/.test(u.firstName + u.lastName))).toBe(true);
    const roles = new Set(users.map((u) => u.role));
    expect([...roles].sort()).toEqual(["ADMIN", "MEMBER", "SUPPORT_STAFF"]);
    expect(users.filter((u) => u.role === "MEMBER").length).toBeGreaterThan(USERS / 2);
    expect(new Set(users.map((u) => u.status)).size).toBe(4);
    expect(users.filter((u) => u.status === "ACTIVE").length).toBeGreaterThan(USERS / 2);

    const groups = new Set((await db.userGroup.findMany({ where: { accountId }, select: { id: true } })).map((g) => g.id));
    const grouped = users.filter((u) => u.groupId);
    expect(grouped.length).toBeGreaterThan(0);
    expect(grouped.length).toBeLessThan(USERS);
    expect(grouped.every((u) => groups.has(u.groupId!))).toBe(true);

    const times = users.map((u) => u.createdAt.getTime());
    const twoYearsAgo = Date.now() - 2 * 366 * 24 * 3600 * 1000;
    expect(Math.min(...times)).toBeGreaterThan(twoYearsAgo);
    expect(Math.max(...times)).toBeLessThanOrEqual(Date.now());
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(365 * 24 * 3600 * 1000);
    expect(new Set(times).size).toBeLessThan(times.length); // exact ties, for keyset paging
    expect(users.every((u) => u.updatedAt.getTime() >= u.createdAt.getTime())).toBe(true);
  });

  it("adds the users to the counts the triggers keep", async () => {
    const [{ counted }] = await getDb().$queryRaw<{ counted: number }[]>`
      SELECT sum(delta)::int AS counted FROM "UserCountDelta" WHERE "accountId" = ${accountId}::uuid AND key = 'all'`;
    expect(counted).toBe(before.users + USERS);
  });

  it("licenses about one user in ten on central, within the seats purchased", async () => {
    const db = getDb();
    const subscriptions = await db.subscription.findMany({
      where: { accountId },
      select: { seatsPurchased: true, product: { select: { code: true } }, _count: { select: { assignments: true } } },
    });
    for (const s of subscriptions) expect(s._count.assignments).toBeLessThanOrEqual(s.seatsPurchased);
    const central = subscriptions.find((s) => s.product.code === "central")!;
    expect(central._count.assignments).toBeGreaterThan(USERS * 0.05);
    expect(central._count.assignments).toBeLessThan(USERS * 0.15);
    expect(await db.licenceAssignment.count({ where: { accountId, user: { accountId: { not: accountId } } } })).toBe(0);
  });

  it("creates the three demo groups and a central subscription when the account has neither", async () => {
    const db = getDb();
    const { account } = await createAccount(db, { name: "Bare", password: "a long test password", users: [] });
    await seedBulkUsers(db, { accountId: account.id, users: 50 });
    const groups = await db.userGroup.findMany({ where: { accountId: account.id }, orderBy: { name: "asc" } });
    expect(groups.map((g) => g.name)).toEqual(["Field technicians", "Helpdesk", "Management"]);
    const central = await db.subscription.findFirstOrThrow({
      where: { accountId: account.id, product: { code: "central" } },
      select: { seatsPurchased: true, _count: { select: { assignments: true } } },
    });
    expect(central._count.assignments).toBeLessThanOrEqual(central.seatsPurchased);
    // A second run adds more users without colliding with the first run's emails.
    await seedBulkUsers(db, { accountId: account.id, users: 50, seed: 1 });
    await seedBulkUsers(db, { accountId: account.id, users: 50, seed: 1 });
    expect(await db.user.count({ where: { accountId: account.id } })).toBe(150);
  });

  it("builds again, as they were, the indexes it drops around a large insert", async () => {
    const db = getDb();
    const indexes = () => db.$queryRaw<{ indexname: string; indexdef: string }[]>`
      SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'User' ORDER BY indexname`;
    const { account } = await createAccount(db, { name: "Rebuilt", password: "a long test password", users: [] });
    const definitions = await indexes();
    expect(definitions.length).toBeGreaterThan(5);
    const result = await seedBulkUsers(db, { accountId: account.id, users: 300, rebuildIndexes: true, batchSize: 120 });
    expect(result.inserted).toBe(300);
    expect(await indexes()).toEqual(definitions);
    expect(await db.user.count({ where: { accountId: account.id } })).toBe(300);
  });
});

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getAccountOverview } from "@/lib/account/overview";
import { getDb } from "@/lib/db/client";
import { getHealth } from "@/lib/health";
import { DEMO_LOGINS, seedDemoIfEmpty } from "@/lib/seed/demo";

/** The folders of prisma/migrations: every one is applied to a test database. */
const MIGRATIONS = fs.readdirSync(path.resolve(import.meta.dirname, "../../prisma/migrations"), { withFileTypes: true }).filter((d) => d.isDirectory()).length;

describe("getHealth", () => {
  it("reports a reachable, fully migrated database and the queue's backlog", async () => {
    expect(await getHealth()).toEqual({
      ok: true,
      database: "up",
      migrations: { applied: MIGRATIONS, pending: [] },
      queue: { waiting: 0, active: 0, failed: 0 },
    });
  });

  it("counts jobs waiting and failed", async () => {
    await getDb().$executeRaw`INSERT INTO pgboss.job (name, state) VALUES ('send-email', 'created'), ('send-email', 'retry'), ('send-email', 'failed')`;
    expect((await getHealth()).queue).toEqual({ waiting: 2, active: 0, failed: 1 });
    await getDb().$executeRaw`DELETE FROM pgboss.job`;
  });

  it("names a migration that hasn't been applied", async () => {
    const [row] = await getDb().$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    await getDb().$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = ${row.migration_name}`;
    expect(await getHealth()).toMatchObject({ ok: false, database: "up", migrations: { pending: [row.migration_name] } });
    await getDb().$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL`;
  });
});

describe("seedDemoIfEmpty", () => {
  it("seeds Acme IT once: four roles, 20 members, groups, the two products and 12 invoices", async () => {
    expect(await seedDemoIfEmpty(getDb())).toBe(true);
    expect(await seedDemoIfEmpty(getDb())).toBe(false);

    const account = await getDb().account.findFirstOrThrow({ include: { groups: true } });
    expect(account.name).toBe("Acme IT");
    expect(account.groups.map((g) => g.name).sort()).toEqual(["Field technicians", "Helpdesk", "Management"]);
    const roles = await getDb().user.groupBy({ by: ["role"], _count: { _all: true } });
    expect(Object.fromEntries(roles.map((r) => [r.role, r._count._all]))).toEqual({
      ACCOUNT_HOLDER: 1, ADMIN: 1, SUPPORT_STAFF: 1, MEMBER: 20,
    });
    for (const email of Object.values(DEMO_LOGINS)) {
      expect(await getDb().user.findUnique({ where: { email } }), email).toMatchObject({ status: "ACTIVE" });
    }

    const overview = await getAccountOverview(getDb(), account.id);
    expect(overview.totalUsers).toBe(23);
    expect(overview.subscriptions.map((s) => [s.productName, s.seatsPurchased])).toEqual([
      ["LogMeIn Central", 25],
      ["Remote Support", 10],
    ]);
    for (const s of overview.subscriptions) expect(s.seatsUsed).toBeLessThanOrEqual(s.seatsPurchased);

    const invoices = await getDb().invoice.groupBy({ by: ["status"], where: { accountId: account.id }, _count: { _all: true } });
    expect(Object.fromEntries(invoices.map((i) => [i.status, i._count._all]))).toEqual({ PAID: 10, OVERDUE: 1, OPEN: 1 });
  });
});

import "server-only";
import { getDb } from "@/lib/db/client";
import { expectedMigrations } from "@/lib/db/migrations";

/** Jobs waiting (new or due for a retry), running, and failed for good, over every queue. */
async function queueHealth() {
  const rows = await getDb().$queryRaw<{ state: string; count: number }[]>`
    SELECT state::text AS state, count(*)::int AS count FROM pgboss.job GROUP BY state`;
  const count = (...states: string[]) => rows.filter((r) => states.includes(r.state)).reduce((sum, r) => sum + r.count, 0);
  return { waiting: count("created", "retry"), active: count("active"), failed: count("failed") };
}

/**
 * Database reachability, whether every migration in prisma/migrations has been applied, and the
 * job queue's backlog. `ok` is about the app being able to work, so failed jobs don't clear it.
 */
export async function getHealth() {
  try {
    const [applied, expected, queue] = await Promise.all([
      getDb().$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      expectedMigrations(),
      queueHealth().catch(() => null),
    ]);
    const done = new Set(applied.map((row) => row.migration_name));
    const pending = expected.filter((name) => !done.has(name));
    return {
      ok: pending.length === 0 && queue !== null,
      database: "up" as const,
      migrations: { applied: done.size, pending },
      queue,
    };
  } catch {
    return { ok: false, database: "down" as const, migrations: null, queue: null };
  }
}

import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { getDb } from "@/lib/db/client";

async function expectedMigrations(): Promise<string[]> {
  const entries = await fs.readdir(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/** Database reachability and whether every migration in prisma/migrations has been applied. */
export async function getDatabaseHealth() {
  try {
    const [applied, expected] = await Promise.all([
      getDb().$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      expectedMigrations(),
    ]);
    const done = new Set(applied.map((row) => row.migration_name));
    const pending = expected.filter((name) => !done.has(name));
    return {
      ok: pending.length === 0,
      database: "up" as const,
      migrations: { applied: done.size, pending },
    };
  } catch {
    return { ok: false, database: "down" as const, migrations: null };
  }
}

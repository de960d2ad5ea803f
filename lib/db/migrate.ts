import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { installQueues } from "../queue/boss";
import { expectedMigrations } from "./migrations";

/** Migrations not (successfully) applied to the database at `url`; all of them on an empty one. */
export async function pendingMigrations(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: [{ exists }] } = await client.query<{ exists: boolean }>("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists");
    const applied = exists
      ? (await client.query<{ name: string }>("SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")).rows
      : [];
    const done = new Set(applied.map((row) => row.name));
    return expectedMigrations().filter((name) => !done.has(name));
  } finally {
    await client.end();
  }
}

/**
 * Applies prisma/migrations to the database at `url` with the offline Prisma CLI wrapper (only when
 * one is pending: the CLI takes over a second to start), then prisma/sql/*.sql, then installs (or
 * upgrades) the job queue's own schema and queues. Each step is idempotent.
 */
export async function migrateDatabase(url: string, options: { quiet?: boolean } = {}): Promise<void> {
  if ((await pendingMigrations(url)).length > 0) await prismaMigrateDeploy(url, options);
  await applyExtras(url);
  await installQueues(url);
}

/** prisma/sql/*.sql: idempotent objects Prisma can't express (CHECKs, triggers), in name order. */
export async function applyExtras(url: string): Promise<void> {
  const dir = path.join(process.cwd(), "prisma", "sql");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".sql")).sort()) {
      await client.query(fs.readFileSync(path.join(dir, file), "utf8"));
    }
  } finally {
    await client.end();
  }
}

function prismaMigrateDeploy(url: string, options: { quiet?: boolean }): Promise<void> {
  const script = path.join(process.cwd(), "scripts", "prisma.mjs");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: options.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma migrate deploy failed (${code})\n${output}`)),
    );
  });
}

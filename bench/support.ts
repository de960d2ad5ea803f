// What the benchmarks share: statistics, a database of their own, and the app as a child process.
import type { ChildProcess } from "node:child_process";
import { disconnectDb } from "@/lib/db/client";
import { createLocalDatabase } from "@/lib/db/local-database";
import { migrateDatabase } from "@/lib/db/migrate";

export { onServer } from "@/lib/db/local-database";

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * A fresh, migrated database on the local PostgreSQL server, with this process' Prisma client
 * pointed at it (`env` adds settings such as DATABASE_POOL_SIZE). `drop()` puts everything back.
 */
export async function createBenchDatabase(serverUrl: string, label: string, env: Record<string, string> = {}) {
  const database = await createLocalDatabase(serverUrl, `ca_bench_${label}_${process.pid}`);
  const settings = { DATABASE_URL: database.url, ...env };
  const previous = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));
  await disconnectDb();
  Object.assign(process.env, settings);
  await migrateDatabase(database.url, { quiet: true });
  return {
    url: database.url,
    async drop() {
      await disconnectDb();
      for (const [key, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      await database.drop();
    },
  };
}

export async function waitHealthy(url: string, deadline: number, app?: ChildProcess): Promise<void> {
  while (Date.now() < deadline) {
    if (app && app.exitCode !== null) throw new Error(`the app exited (${app.exitCode}) before it was healthy`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} not healthy in time`);
}

/** Stops a process started by a benchmark and waits for it to exit. */
export { stopProcess as stop } from "../tests/support/script-process";

// What the benchmarks share: statistics, a database of their own, and the app as a child process.
import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { disconnectDb } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { withDatabase } from "@/lib/db/test-guard";

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
  const name = `ca_bench_${label}_${process.pid}`;
  await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`);
  const url = withDatabase(serverUrl, name);
  const settings = { DATABASE_URL: url, ...env };
  const previous = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));
  await disconnectDb();
  Object.assign(process.env, settings);
  await migrateDatabase(url, { quiet: true });
  return {
    url,
    async drop() {
      await disconnectDb();
      for (const [key, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Statements on a connection of their own, held no longer than they take (the server is shared). */
export async function onServer(serverUrl: string, ...statements: string[]) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
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

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.on("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

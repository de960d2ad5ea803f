// App and worker processes of a spec's own, for settings the shared e2e app (playwright.config.ts)
// doesn't run with: `scripts/start.ts` as in production on a port of its own, the environment of
// the test run plus `env`. By default the app serves an embedded database of its own in a temporary
// directory (the shared DATABASE_URL is left out so it never writes to the database of the other
// specs); with `databaseUrl` it serves that database instead, which several instances and
// `scripts/worker.ts` processes may share.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../../lib/generated/prisma/client";
import { freePort } from "../../../scripts/free-port";
import { PASSWORD } from "../fixtures";

export interface AppInstance {
  /** http://127.0.0.1:<port>, for `browser.newContext({ baseURL })`. */
  base: string;
  /** A client of the instance's database. */
  db: PrismaClient;
  /** Stops the app (and its own database), and deletes its data directory. */
  stop(): Promise<void>;
}

export interface AppInstanceOptions {
  startTimeoutMs?: number;
  /** Serve this database (created, migrated and dropped by the caller) instead of an embedded one of its own. */
  databaseUrl?: string;
}

/** A small client of a test database, as the fixtures' `db`. */
export function databaseClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
}

interface ScriptProcess {
  child: ChildProcess;
  /** The last lines of its output, for the error when it doesn't come up. */
  output(): string;
  /** Resolves once the process has exited. */
  exited: Promise<void>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/** Runs `scripts/<name>` as `npm start` and `npm run worker` do, with the environment of the test run minus its DATABASE_URL, plus `env`. */
function runScript(name: string, env: Record<string, string>): ScriptProcess {
  const { DATABASE_URL: _shared, ...inherited } = process.env;
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join("scripts", name)], {
    // Workers poll often, so queued jobs run within a second.
    env: { ...inherited, QUEUE_POLL_SECONDS: "0.5", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", () => resolve())));
  return {
    child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Waits until `ready()` holds, failing with the process' output if it exits or the time runs out. */
async function waitUntil(script: ScriptProcess, what: string, ready: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (script.child.exitCode !== null) throw new Error(`${what} exited (${script.child.exitCode}):\n${script.output()}`);
    if (await ready()) return;
    if (Date.now() > deadline) throw new Error(`${what} didn't start:\n${script.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function startAppInstance(env: Record<string, string> = {}, options: AppInstanceOptions = {}): Promise<AppInstance> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "central-admin-e2e-"));
  const base = `http://127.0.0.1:${port}`;
  const dbPort = options.databaseUrl ? undefined : await freePort();
  const database: Record<string, string> = dbPort === undefined ? { DATABASE_URL: options.databaseUrl! } : { EMBEDDED_DB_PORT: String(dbPort) };
  const app = runScript("start.ts", { APP_URL: base, ...env, PORT: String(port), DATA_DIR: dataDir, ...database });

  let db: PrismaClient | undefined;
  const stop = async () => {
    await db?.$disconnect();
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const healthy = () => fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    await waitUntil(app, "the app instance", healthy, options.startTimeoutMs ?? 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  db = databaseClient(options.databaseUrl ?? `postgresql://postgres:postgres@127.0.0.1:${dbPort}/postgres?sslmode=disable`);
  return { base, db, stop };
}

export interface WorkerInstance {
  stop(): Promise<void>;
}

/** A `npm run worker` process on `env.DATABASE_URL`, once its workers have started. */
export async function startWorkerInstance(env: Record<string, string> & { DATABASE_URL: string }): Promise<WorkerInstance> {
  const worker = runScript("worker.ts", env);
  try {
    await waitUntil(worker, "the worker", async () => /Worker \d+ started/.test(worker.output()), 60_000);
  } catch (error) {
    await worker.stop();
    throw error;
  }
  return { stop: worker.stop };
}

/** Signs in on the server of the page's context (its baseURL), as the fixtures' `signIn` does on the shared app. */
export async function signInOn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new URL("/", page.url()).href);
}

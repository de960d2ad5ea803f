// App and worker processes of a spec's own, for settings the shared e2e app (playwright.config.ts)
// doesn't run with: `scripts/start.ts` as in production on a port of its own, the environment of
// the test run plus `env`. By default the app serves an embedded database of its own in a temporary
// directory (the shared DATABASE_URL is left out so it never writes to the database of the other
// specs); with `databaseUrl` it serves that database instead, which several instances and
// `scripts/worker.ts` processes may share.
import { expect, type Page } from "@playwright/test";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../../lib/generated/prisma/client";
import { freePort } from "../../../scripts/free-port";
import { runScript, startApp, waitUntil } from "../../support/script-process";
import { submitSignIn } from "../fixtures";

export interface AppInstance {
  /** http://127.0.0.1:<port> (or http://localhost:<port>), for `browser.newContext({ baseURL })`. */
  base: string;
  /** A client of the instance's database. */
  db: PrismaClient;
  /** What `npm start` printed so far (stdout and stderr): the setup link of a first run, say. */
  output(): string;
  /** Stops the app (and its own database), and deletes its data directory. */
  stop(): Promise<void>;
}

export interface AppInstanceOptions {
  /** Serve this database (created, migrated and dropped by the caller) instead of an embedded one of its own. */
  databaseUrl?: string;
  /** The host name of its address (and APP_URL): "localhost" for WebAuthn, which refuses IP addresses. Default 127.0.0.1. */
  host?: "localhost" | "127.0.0.1";
}

/** A small client of a test database, as the fixtures' `db`. */
export function databaseClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
}

export async function startAppInstance(env: Record<string, string> = {}, options: AppInstanceOptions = {}): Promise<AppInstance> {
  const dbPort = options.databaseUrl ? undefined : await freePort();
  const database = dbPort === undefined ? { DATABASE_URL: options.databaseUrl } : { DATABASE_URL: undefined, EMBEDDED_DB_PORT: String(dbPort) };
  const app = await startApp({ ...env, ...database }, 90_000, options.host);
  const db = databaseClient(options.databaseUrl ?? `postgresql://postgres:postgres@127.0.0.1:${dbPort}/postgres?sslmode=disable`);
  return {
    base: app.base,
    db,
    output: app.output,
    async stop() {
      await db.$disconnect();
      await app.stop();
    },
  };
}

export interface WorkerInstance {
  stop(): Promise<void>;
}

/** A `npm run worker` process on `env.DATABASE_URL`, once its workers have started. */
export async function startWorkerInstance(env: Record<string, string> & { DATABASE_URL: string }): Promise<WorkerInstance> {
  const worker = runScript("worker.ts", env);
  await waitUntil(worker, "the worker", async () => /Worker \d+ started/.test(worker.output()), 60_000);
  return { stop: () => worker.stop() };
}

/** Signs in on the server of the page's context (its baseURL), as the fixtures' `signIn` does on the shared app. */
export async function signInOn(page: Page, email: string) {
  await submitSignIn(page, email);
  await expect(page).toHaveURL(new URL("/", page.url()).href);
}

// An app instance of a spec's own, for settings the shared e2e app (playwright.config.ts) doesn't
// run with: its own port and embedded database in a temporary directory, `scripts/start.ts` as in
// production, the environment of the test run plus `env`. The shared DATABASE_URL is left out so
// the instance never writes to the database of the other specs.
import { spawn } from "node:child_process";
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
  /** A client of the instance's own database. */
  db: PrismaClient;
  /** Stops the app and its database, and deletes its data directory. */
  stop(): Promise<void>;
}

export async function startAppInstance(env: Record<string, string> = {}, options: { startTimeoutMs?: number } = {}): Promise<AppInstance> {
  const [port, dbPort] = [await freePort(), await freePort()];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "central-admin-e2e-"));
  const base = `http://127.0.0.1:${port}`;
  const { DATABASE_URL: _shared, ...inherited } = process.env;
  const app = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    // The in-process workers poll often, so queued jobs run within a second.
    env: { ...inherited, QUEUE_POLL_SECONDS: "0.5", APP_URL: base, ...env, PORT: String(port), DATA_DIR: dataDir, EMBEDDED_DB_PORT: String(dbPort) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // The last lines of its output, for the error when it doesn't come up.
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  app.stdout!.on("data", keep);
  app.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => (app.exitCode !== null ? resolve() : app.once("exit", () => resolve())));

  let db: PrismaClient | undefined;
  const stop = async () => {
    await db?.$disconnect();
    if (app.exitCode === null) app.kill("SIGTERM");
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + (options.startTimeoutMs ?? 90_000);
    for (;;) {
      if (app.exitCode !== null) throw new Error(`the app instance exited (${app.exitCode}):\n${output}`);
      if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
      if (Date.now() > deadline) throw new Error(`the app instance didn't start:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  db = new PrismaClient({ adapter: new PrismaPg({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${dbPort}/postgres?sslmode=disable`, max: 2 }) });
  return { base, db, stop };
}

/** Signs in on the server of the page's context (its baseURL), as the fixtures' `signIn` does on the shared app. */
export async function signInOn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new URL("/", page.url()).href);
}

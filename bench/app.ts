// What the benchmarks that go through HTTP share: an account with many users, the built app served
// by the app's web server (scripts/server.ts, workers off), and an admin signed in through the sign-in page.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { freePort } from "../scripts/free-port";
import { disconnectDb, getDb } from "@/lib/db/client";
import { createAccount } from "@/lib/seed/accounts";
import { seedBulkUsers } from "@/lib/seed/bulk";
import { onServer, waitHealthy } from "./support";

export const BENCH_PASSWORD = "bench users password";
const AUTH_SECRET = "bench-only auth secret, the same for every app process";

/**
 * One account (“Bench <label>”: a holder, an admin, then `users` generated users) on the database
 * this process' Prisma client points at (`databaseUrl`), with fresh planner statistics as autovacuum would soon give.
 */
export async function seedAdminAccount(databaseUrl: string, label: string, users: number) {
  const { account } = await createAccount(getDb(), {
    name: `Bench ${label}`,
    password: BENCH_PASSWORD,
    groups: ["Helpdesk", "Field technicians", "Management"],
    seats: { central: 100, "remote-support": 10 },
    users: [
      { email: `holder@bench-${label}.example`, firstName: "Hana", lastName: "Holder", role: "ACCOUNT_HOLDER" },
      { email: `admin@bench-${label}.example`, firstName: "Ada", lastName: "Admin", role: "ADMIN" },
    ],
  });
  const seeded = await seedBulkUsers(getDb(), { accountId: account.id, users, seed: 20261124 });
  await onServer(databaseUrl, `VACUUM (ANALYZE) "User", "LicenceAssignment", "UserGroup", "Subscription"`);
  await disconnectDb(); // no idle connections held while the app is measured (getDb() reconnects)
  return { account, adminEmail: `admin@bench-${label}.example`, seedMs: seeded.ms };
}

/** The web server (scripts/server.ts) on a free port against `databaseUrl`, as scripts/start.ts runs it; resolves once healthy. */
export async function startNext(databaseUrl: string): Promise<{ app: ChildProcess; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "server.ts")], {
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: "10",
      // The benchmarks send thousands of API requests a minute with one token (REST, SCIM).
      API_REQUESTS_PER_MINUTE: "1000000",
      AUTH_SECRET,
      AUTH_TRUST_HOST: "true",
      RUN_WORKERS: "false",
      APP_URL: base,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  app.stdout?.on("data", (chunk) => (output += chunk));
  app.stderr?.on("data", (chunk) => (output += chunk));
  try {
    await waitHealthy(`${base}/api/health`, Date.now() + 180_000, app);
  } catch (error) {
    console.error(output);
    app.kill("SIGTERM");
    throw error;
  }
  return { app, base };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** Signs in through the sign-in page; the session cookies, for a browser context and as a Cookie header. */
export async function signIn(browser: Browser, base: string, email: string) {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(BENCH_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/`);
  const cookies = await context.cookies();
  await context.close();
  return { cookies, header: cookies.map((c) => `${c.name}=${c.value}`).join("; ") };
}

/** The admin's session as a Cookie header, signed in from a browser launched for just that. */
export async function sessionCookie(base: string, email: string): Promise<string> {
  const browser = await launchChromium();
  try {
    return (await signIn(browser, base, email)).header;
  } finally {
    await browser.close();
  }
}

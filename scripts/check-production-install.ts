// `npm run check:production-install`: proves that a production install serves, as a deployment
// would do it (decision 0017). Opt-in: it takes minutes and needs the npm registry.
//   1. `git clone` of the committed HEAD (uncommitted changes are not part of it) into a temp dir
//   2. `npm ci --omit=dev`, then checks that no dev dependency got installed
//   3. `npm run build`, then `npm start` on a fresh database of the local PostgreSQL server
//      (CHECK_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/postgres), created and
//      dropped with psql
//   4. GET /api/health and GET /sign-in must answer 200, and the first run's setup link (no demo:
//      decision 0018), read from DATA_DIR/setup-token, must open the setup page
// `-- --ref <commit>` checks another commit (e.g. one from before the fix, to see it fail).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { assertLocalDatabaseUrl, withDatabase } from "@/lib/db/test-guard";
import { freePort } from "./free-port";

const refArgument = process.argv.indexOf("--ref");
const ref = refArgument > 0 ? process.argv[refArgument + 1] : "HEAD";
const serverUrl = process.env.CHECK_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
assertLocalDatabaseUrl(serverUrl);
const timings: Record<string, number> = {};
// The clone's npm must not inherit this run's npm settings (npm_config_local_prefix would point it
// at this checkout), nor the app settings of the shell.
const SETTINGS = new Set(["INIT_CWD", "DATABASE_URL", "DATA_DIR", "APP_URL", "PORT", "HOSTNAME", "TRUST_PROXY", "SMTP_URL", "NODE_ENV", "SEED_DEMO"]);
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && !SETTINGS.has(name))) as NodeJS.ProcessEnv;
cleanEnv.NEXT_TELEMETRY_DISABLED = "1";

function run(title: string, command: string, args: string[], cwd?: string) {
  console.log(`\n▶ ${title}`);
  const started = performance.now();
  const result = spawnSync(command, args, { stdio: "inherit", cwd, env: cleanEnv });
  timings[title] = Math.round(performance.now() - started);
  if (result.status !== 0) throw new Error(`${title} failed (exit ${result.status ?? result.signal})`);
}

function psql(sql: string) {
  const result = spawnSync("psql", [serverUrl, "-v", "ON_ERROR_STOP=1", "-qc", sql], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`psql: ${result.stderr || result.error}`);
}

async function answers(url: string): Promise<number> {
  return fetch(url, { redirect: "manual" }).then((response) => response.status, () => 0);
}

/** SIGTERM to npm's whole process group (npm, its shell, scripts/start.ts, the web server). */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    process.kill(-child.pid!, "SIGTERM");
  });
}

const commit = spawnSync("git", ["rev-parse", "--verify", `${ref}^{commit}`], { encoding: "utf8" }).stdout.trim();
if (!commit) throw new Error(`No commit ${ref}`);
if (ref === "HEAD" && spawnSync("git", ["status", "--porcelain"], { encoding: "utf8" }).stdout.trim()) {
  console.log("Note: uncommitted changes are not checked; the clone has the last commit only.");
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "central-admin-production-"));
const database = `ca_production_check_${process.pid}`;
let app: ChildProcess | undefined;
let failed = false;
try {
  run(`Clone ${commit.slice(0, 12)}`, "git", ["clone", "--quiet", "--no-checkout", process.cwd(), dir]);
  run("Check out", "git", ["-c", "advice.detachedHead=false", "checkout", "--quiet", commit], dir);
  // The lock file lists every platform's optional packages (@next/swc-*, @tailwindcss/oxide-*):
  // `npm ci` installs the ones for this machine and skips the rest.
  run("npm ci --omit=dev", "npm", ["ci", "--omit=dev", "--no-audit", "--no-fund"], dir);
  // (@playwright/test does come along: an optional peer of next that the lock file holds, which
  // npm keeps with --omit=dev — "devOptional". It runs nothing at install.)
  const devOnly = ["vitest", "smtp-server", "mailparser", "lighthouse"].filter((name) => fs.existsSync(path.join(dir, "node_modules", name)));
  if (devOnly.length) throw new Error(`dev dependencies were installed: ${devOnly.join(", ")}`);
  run("npm run build", "npm", ["run", "build"], dir);

  psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  psql(`CREATE DATABASE ${database}`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  console.log(`\n▶ npm start on ${base} (database ${database})`);
  const started = performance.now();
  const server = spawn("npm", ["start"], {
    cwd: dir,
    env: { ...cleanEnv, DATABASE_URL: withDatabase(serverUrl, database), PORT: String(port) },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true, // its own process group, stopped as a whole
  });
  app = server;
  const deadline = Date.now() + 180_000;
  while ((await answers(`${base}/api/health`)) !== 200) {
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`npm start exited (${server.exitCode ?? server.signalCode})`);
    if (Date.now() > deadline) throw new Error("npm start: /api/health didn't answer 200 within 3 minutes");
    await new Promise((r) => setTimeout(r, 250));
  }
  timings["npm start → /api/health 200"] = Math.round(performance.now() - started);
  const signIn = await answers(`${base}/sign-in`);
  if (signIn !== 200) throw new Error(`GET /sign-in answered ${signIn}`);
  const tokenFile = path.join(dir, ".data", "setup-token");
  if (!fs.existsSync(tokenFile)) throw new Error(`npm start on an empty database wrote no setup link to ${tokenFile}`);
  const setup = await answers(fs.readFileSync(tokenFile, "utf8").trim());
  if (setup !== 200) throw new Error(`the setup link answered ${setup}`);
  console.log(`\n✓ A production install of ${commit.slice(0, 12)} serves: /api/health 200, /sign-in 200, its setup link 200`);
} catch (error) {
  failed = true;
  console.error(`\n✗ ${error instanceof Error ? error.message : error}`);
} finally {
  if (app) await stop(app);
  try {
    psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  } catch (error) {
    console.error(error);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
for (const [step, ms] of Object.entries(timings)) console.log(`  ${step.padEnd(34)} ${(ms / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);

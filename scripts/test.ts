// `npm test`: the whole suite, the same way locally and in CI.
//   1. migrations vs schema.prisma drift check, type check, `next build` if the sources changed
//   2. Vitest unit + integration tests (each file on its own database)
//   3. Vitest fault tests (tests/faults: processes killed, connections terminated, SMTP down) —
//      only with DATABASE_URL: terminating server connections needs a real PostgreSQL server.
//      Without it the closing line says they were not run (CI always runs them).
//   4. Playwright end-to-end tests in Chromium against a freshly built app on a fresh database
// With DATABASE_URL (a local PostgreSQL server) every database is created there; without it,
// embedded PGlite databases are used.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIfNeeded } from "./build-if-needed";
import { freePort } from "./free-port";
import { createLocalDatabase } from "@/lib/db/local-database";
import { assertLocalDatabaseUrl } from "@/lib/db/test-guard";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const serverUrl = process.env.DATABASE_URL;
if (serverUrl) assertLocalDatabaseUrl(serverUrl);

function step(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`✗ ${title} failed`);
    process.exit(result.status ?? 1);
  }
}


const chrome = process.env.CHROME_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(chrome)) {
  console.error(`End-to-end tests need Chromium at ${chrome}: apt-get install -y chromium (or set CHROME_PATH).`);
  process.exit(1);
}

const node = process.execPath;
const bin = (name: string) => path.join("node_modules", ".bin", name);

step("Migrations match schema.prisma", node, ["--conditions=react-server", "--import", "tsx", "scripts/check-drift.ts"]);
step("Type check", bin("tsc"), ["--noEmit"]);
// Built once here, not inside whichever test first starts the app (a fault test's hook, or Playwright's web server).
console.log("\n▶ Build the app (when the sources changed)");
await buildIfNeeded();
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "central-admin-reports-"));
const vitestReport = path.join(reports, "vitest.json");
const playwrightReport = path.join(reports, "playwright.json");
const faultsReport = path.join(reports, "faults.json");
step("Unit and integration tests (Vitest)", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`]);
if (serverUrl) {
  step("Fault tests (Vitest)", bin("vitest"), ["run", "--config", "vitest.faults.config.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${faultsReport}`]);
} else {
  console.log("\n▶ Fault tests: not run — they need a PostgreSQL server. Set DATABASE_URL to run them too.");
}

const e2eEnv: NodeJS.ProcessEnv = { ...process.env, E2E_PORT: String(await freePort()), PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightReport };
let cleanup = async () => {};
if (serverUrl) {
  const database = await createLocalDatabase(serverUrl, `ca_e2e_${process.pid}`);
  e2eEnv.DATABASE_URL = database.url;
  cleanup = database.drop;
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "central-admin-e2e-"));
  e2eEnv.E2E_DATA_DIR = dir;
  e2eEnv.E2E_EMBEDDED_DB_PORT = String(await freePort());
  cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
}
try {
  step("End-to-end tests (Playwright, Chromium)", bin("playwright"), ["test", "--reporter=list,json"], e2eEnv);
} finally {
  await cleanup();
}
// One closing line for the whole suite, counted from both runners' JSON reports.
const [unit, faults] = [vitestReport, faultsReport].map((file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {}));
const vitest = Object.fromEntries(
  ["numPassedTests", "numFailedTests", "numPendingTests", "numTodoTests"].map((key) => [key, unit[key] + (faults[key] ?? 0)]),
);
const playwright = JSON.parse(fs.readFileSync(playwrightReport, "utf8"));
const passed = vitest.numPassedTests + playwright.stats.expected;
const failed = vitest.numFailedTests + playwright.stats.unexpected + playwright.stats.flaky;
const skipped = vitest.numPendingTests + vitest.numTodoTests + playwright.stats.skipped;
fs.rmSync(reports, { recursive: true, force: true });
console.log(`\nVitest ${vitest.numPassedTests} passed, Playwright ${playwright.stats.expected} passed.`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
if (failed > 0 || passed === 0) process.exit(1);

// `npm start`: database (embedded PGlite unless DATABASE_URL is set) → migrations → first run (the
// demo seed where wanted; a one-time setup link while no account exists: lib/setup/first-run.ts)
// → `next build` if the sources changed → the web server (scripts/server.ts: Next.js behind
// our own HTTP server, in a process of its own). `--dev` serves Next.js in development mode instead.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { disconnectDb, getDb } from "@/lib/db/client";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { embeddedTemplate } from "@/lib/db/embedded-template";
import { migrateDatabase } from "@/lib/db/migrate";
import { DEMO_LOGINS, DEMO_PASSWORD } from "@/lib/seed/demo";
import { dataDir as configuredDataDir, publicAppUrl } from "@/lib/setup/data-dir";
import { prepareFirstRun } from "@/lib/setup/first-run";
import { buildIfNeeded } from "./build-if-needed";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOSTNAME ?? "127.0.0.1";
const dataDir = configuredDataDir();
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
// Links in emails (invitations) and the setup link point here unless APP_URL names the public address.
const publicUrl = publicAppUrl();
process.env.APP_URL = publicUrl;

function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

let embedded: EmbeddedDatabase | undefined;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  const pgliteDir = path.join(dataDir, "pglite");
  const fresh = !fs.existsSync(path.join(pgliteDir, "PG_VERSION"));
  embedded = await startEmbeddedDatabase({
    dataDir: pgliteDir,
    loadDataDir: fresh ? await embeddedTemplate() : undefined, // migrated already: no initdb
    port: Number(process.env.EMBEDDED_DB_PORT ?? 0),
  });
  databaseUrl = embedded.url;
  console.log(`Embedded PostgreSQL (PGlite) in ${path.join(dataDir, "pglite")}`);
}
process.env.DATABASE_URL = databaseUrl;

await migrateDatabase(databaseUrl, { quiet: true });
const firstRun = await prepareFirstRun(getDb(), { embedded: embedded !== undefined, seedDemo: process.env.SEED_DEMO, dataDir });
await disconnectDb();
if (!dev) await buildIfNeeded();

// Without this process' react-server condition, as `next start` would run: Next.js resolves React
// for its server and client renderers itself. tsx loads scripts/server.ts.
const child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "server.ts"), ...(dev ? ["--dev"] : [])], {
  stdio: ["ignore", "inherit", "inherit"],
  env: {
    ...process.env,
    PORT: String(port),
    HOSTNAME: host,
    DATABASE_URL: databaseUrl,
    // The embedded database runs queries one at a time; a small pool avoids queueing in two places.
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? (embedded ? "4" : "10"),
    AUTH_SECRET: authSecret(),
    AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST ?? "true",
    APP_URL: publicUrl,
    DATA_DIR: dataDir, // the setup page deletes DATA_DIR/setup-token once used
  },
});

const demo = `${firstRun.seeded ? "Seeded the demo account “Acme IT”." : "The demo account “Acme IT” is here."} Demo sign-in (password ${DEMO_PASSWORD}):
  account holder  ${DEMO_LOGINS.ACCOUNT_HOLDER}
  admin           ${DEMO_LOGINS.ADMIN}
  support staff   ${DEMO_LOGINS.SUPPORT_STAFF}
  member          ${DEMO_LOGINS.MEMBER}`;
// The setup link is a credential: it goes to this terminal and DATA_DIR/setup-token (0600) only.
const setup = `No account yet. Set up Central Admin: ${firstRun.setupUrl}
(one use, valid 24 hours; also in ${path.join(dataDir, "setup-token")}; a restart prints a new one)`;
console.log(`
Central Admin → ${publicUrl}
${firstRun.setupUrl ? setup : firstRun.demo ? demo : "Using the existing data."}
`);

// The web server finishes its requests in flight (it waits up to 10 s) before the embedded
// database goes; the server ending on its own ends this process with its exit code.
let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(killer);
  }
  await embedded?.stop().catch(() => undefined);
  process.exit(code);
}
child.on("exit", (code, signal) => void shutdown(code ?? (signal ? 1 : 0)));
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

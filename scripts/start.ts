// `npm start`: database (embedded PGlite unless DATABASE_URL is set) → migrations → demo seed if
// empty → `next build` if the sources changed → `next start`. `--dev` serves `next dev` instead.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { disconnectDb, getDb } from "@/lib/db/client";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { embeddedTemplate } from "@/lib/db/embedded-template";
import { migrateDatabase } from "@/lib/db/migrate";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoIfEmpty } from "@/lib/seed/demo";
import { buildIfNeeded } from "./build-if-needed";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOSTNAME ?? "127.0.0.1";
const dataDir = path.resolve(process.env.DATA_DIR ?? ".data");
const nextBin = path.join("node_modules", "next", "dist", "bin", "next");
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

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
const seeded = await seedDemoIfEmpty(getDb());
await disconnectDb();
if (!dev) buildIfNeeded();

const child = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", String(port), "-H", host], {
  stdio: ["ignore", "inherit", "inherit"],
  env: {
    ...process.env,
    DATABASE_URL: databaseUrl,
    // The embedded database runs queries one at a time; a small pool avoids queueing in two places.
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? (embedded ? "4" : "10"),
    AUTH_SECRET: authSecret(),
    AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST ?? "true",
    // Links in emails (invitations) point here unless APP_URL names the public address.
    APP_URL: process.env.APP_URL ?? `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`,
  },
});

console.log(`
Central Admin → http://${host === "0.0.0.0" ? "localhost" : host}:${port}
${seeded ? "Seeded the demo account “Acme IT”." : "Using the existing data."} Demo sign-in (password ${DEMO_PASSWORD}):
  account holder  ${DEMO_LOGINS.ACCOUNT_HOLDER}
  admin           ${DEMO_LOGINS.ADMIN}
  support staff   ${DEMO_LOGINS.SUPPORT_STAFF}
  member          ${DEMO_LOGINS.MEMBER}
`);

async function shutdown(code: number) {
  child.kill("SIGTERM");
  await embedded?.stop().catch(() => undefined);
  process.exit(code);
}
child.on("exit", (code) => void shutdown(code ?? 0));
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

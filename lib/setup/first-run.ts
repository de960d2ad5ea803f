// No `server-only` marker: scripts/start.ts prepares the database with it before the web server starts.
import fs from "node:fs";
import path from "node:path";
import { appUrl } from "@/lib/app-url";
import type { Db, Tx } from "@/lib/db/client";
import { hashToken, newToken } from "@/lib/invitations/tokens";
import { DEMO_LOGINS, seedDemoIfEmpty } from "@/lib/seed/demo";
import { setupTokenFile } from "./data-dir";

/** How long a setup link stays valid. */
export const SETUP_TOKEN_TTL_MS = 24 * 3_600_000;

export const setupUrl = (token: string) => `${appUrl()}/setup?token=${token}`;

/**
 * Whether start seeds the demo account "Acme IT": `SEED_DEMO=true` or `false` decides; unset, only
 * on the embedded database (the README's `npm start` shows the demo), never on a `DATABASE_URL`
 * (a production install must not come up with an account whose password is in the README).
 */
export function demoWanted(options: { embedded: boolean; seedDemo?: string }): boolean {
  const setting = options.seedDemo?.trim().toLowerCase();
  if (setting === "true" || setting === "1") return true;
  if (setting === "false" || setting === "0") return false;
  return options.embedded;
}

/**
 * Every start and setup that decides "is there an account yet?" takes this lock first, so replicas
 * starting at once and two browsers submitting the setup form at once see each other's work.
 */
export async function lockFirstRun(tx: Tx) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('central-admin:first-run', 0))`;
}

/** Whether any account exists: then the first run is over for good. */
export async function hasAccount(db: Db | Tx): Promise<boolean> {
  return (await db.account.findFirst({ select: { id: true } })) !== null;
}

/** Whether the demo account (its account holder and admin, in "Acme IT") is in the database. */
export async function demoPresent(db: Db): Promise<boolean> {
  const logins = [DEMO_LOGINS.ACCOUNT_HOLDER, DEMO_LOGINS.ADMIN];
  const found = await db.user.count({ where: { email: { in: logins }, status: "ACTIVE", account: { name: "Acme IT" } } });
  return found === logins.length;
}

/**
 * On a database with no account: a new one-time setup token (32 random bytes, only its hash
 * stored, valid 24 hours) replaces every unused one, so only the link printed last works. Null
 * once an account exists. Several replicas starting at once take turns on the lock: each prints a
 * link, the last one's is valid.
 */
export async function issueSetupToken(db: Db): Promise<string | null> {
  const token = newToken();
  const issued = await db.$transaction(async (tx) => {
    await lockFirstRun(tx);
    if (await hasAccount(tx)) return false;
    await tx.setupToken.deleteMany({ where: { usedAt: null } });
    await tx.setupToken.create({ data: { tokenHash: hashToken(token), expiresAt: new Date(Date.now() + SETUP_TOKEN_TTL_MS) } });
    return true;
  });
  return issued ? token : null;
}

/** Writes the link to DATA_DIR/setup-token, readable by its owner only (0600 even if the file was there before). */
export function writeSetupTokenFile(dir: string, url: string) {
  const file = setupTokenFile(dir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, `${url}\n`, { mode: 0o600, flag: "wx" });
  fs.chmodSync(file, 0o600); // the umask can only take bits away; this says it outright
}

/** Best effort: the link is spent or void, its file goes. */
export function removeSetupTokenFile(dir: string) {
  try {
    fs.rmSync(setupTokenFile(dir), { force: true });
  } catch {
    // A read-only data directory keeps a void link; nothing depends on the file.
  }
}

export interface FirstRun {
  /** Whether this start seeded the demo account. */
  seeded: boolean;
  /** Whether the demo account is in the database (its sign-in details may be printed). */
  demo: boolean;
  /** The one-time setup link, when the database has no account. */
  setupUrl: string | null;
}

/**
 * What `npm start` does to a migrated database before the web server starts: seeds the demo
 * where it is wanted (see demoWanted), and on a database still without an account issues a setup
 * link and writes it to DATA_DIR/setup-token.
 */
export async function prepareFirstRun(db: Db, options: { embedded: boolean; seedDemo?: string; dataDir: string }): Promise<FirstRun> {
  const seeded = demoWanted(options) ? await seedDemoIfEmpty(db) : false;
  const token = await issueSetupToken(db);
  if (!token) {
    removeSetupTokenFile(options.dataDir);
    return { seeded, demo: seeded || (await demoPresent(db)), setupUrl: null };
  }
  const url = setupUrl(token);
  writeSetupTokenFile(options.dataDir, url);
  return { seeded, demo: false, setupUrl: url };
}

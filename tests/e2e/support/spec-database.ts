// A database of a spec's own that several app and worker processes share: a fresh, migrated
// database on the PostgreSQL server of DATABASE_URL when the run has one (CI always does), else
// an embedded database on a free port with its data in a temporary directory.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedDatabase } from "../../../lib/db/embedded";
import { embeddedTemplate } from "../../../lib/db/embedded-template";
import { migrateDatabase } from "../../../lib/db/migrate";
import { assertLocalDatabaseUrl, withDatabase } from "../../../lib/db/test-guard";
import { freePort } from "../../../scripts/free-port";

export interface SpecDatabase {
  url: string;
  /** Whether it is the embedded database: it runs one query at a time, so processes keep small pools. */
  embedded: boolean;
  /** Drops the database (or stops the embedded one and deletes its data). */
  drop(): Promise<void>;
}

export async function createSpecDatabase(): Promise<SpecDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    assertLocalDatabaseUrl(serverUrl);
    const name = `ca_e2e_spec_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    const drop = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
    try {
      await admin.query(`CREATE DATABASE ${name}`);
      const url = withDatabase(serverUrl, name);
      await migrateDatabase(url, { quiet: true });
      return { url, embedded: false, drop };
    } catch (error) {
      await drop();
      throw error;
    }
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "central-admin-e2e-db-"));
  const database = await startEmbeddedDatabase({ dataDir, loadDataDir: await embeddedTemplate(), port: await freePort() });
  return {
    url: database.url,
    embedded: true,
    async drop() {
      await database.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

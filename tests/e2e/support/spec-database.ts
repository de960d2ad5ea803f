// A database of a spec's own that several app and worker processes share: a fresh, migrated
// database on the PostgreSQL server of DATABASE_URL when the run has one (CI always does), else
// an embedded database on a free port with its data in a temporary directory.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedDatabase } from "../../../lib/db/embedded";
import { embeddedTemplate } from "../../../lib/db/embedded-template";
import { createLocalDatabase } from "../../../lib/db/local-database";
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
    const name = `ca_e2e_spec_${crypto.randomBytes(4).toString("hex")}`;
    return { ...(await createLocalDatabase(serverUrl, name, { migrate: true })), embedded: false };
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

// Runs before every test file: gives the file a database of its own, cloned from the migrated
// template, and points DATABASE_URL (read lazily by getDb) at it.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { withDatabase } from "@/lib/db/test-guard";

const config = inject("testDatabase");

if (config.kind === "postgres") {
  const name = `${config.prefix}${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: config.serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${config.template}`);
  process.env.DATABASE_URL = withDatabase(config.serverUrl, name);
  afterAll(async () => {
    await disconnectDb();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
} else {
  const embedded = await startEmbeddedDatabase({ loadDataDir: new Blob([await fs.readFile(config.dump)]) });
  process.env.DATABASE_URL = embedded.url;
  afterAll(async () => {
    await disconnectDb();
    await embedded.stop();
  });
}

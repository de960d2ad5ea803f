// Builds one migrated template database per run; each test file then gets its own copy
// (tests/support/database.ts), so files run in parallel and in any order.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { embeddedTemplate } from "../../lib/db/embedded-template";
import { migrateDatabase } from "../../lib/db/migrate";
import { assertLocalDatabaseUrl, withDatabase } from "../../lib/db/test-guard";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: { kind: "postgres"; serverUrl: string; template: string; prefix: string } | { kind: "embedded"; dump: string };
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    assertLocalDatabaseUrl(serverUrl);
    const template = `ca_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    await migrateDatabase(withDatabase(serverUrl, template), { quiet: true });
    const prefix = `ca_test_${process.pid}_`;
    project.provide("testDatabase", { kind: "postgres", serverUrl, template, prefix });
    return async () => {
      // Files that failed to load never ran their afterAll: drop whatever this run left behind.
      const { rows } = await admin.query("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    };
  }

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "central-admin-test-"));
  const dump = path.join(dir, "template.tar.gz");
  await fs.writeFile(dump, Buffer.from(await (await embeddedTemplate()).arrayBuffer()));
  project.provide("testDatabase", { kind: "embedded", dump });
  return () => fs.rm(dir, { recursive: true, force: true });
}

// Fails when prisma/migrations and prisma/schema.prisma describe different databases: one fresh
// database gets the migrations folder, another the schema's own `migrate diff --from-empty`
// script plus prisma/sql/*.sql (what Prisma can't express: CHECKs, triggers), and their catalogues
// (tables, columns, enums, constraints, indexes, triggers) must be equal.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { createLocalDatabase, type LocalDatabase } from "@/lib/db/local-database";
import { applyExtras, migrateDatabase } from "@/lib/db/migrate";

const CATALOGUE = `
  SELECT 'column' AS kind, table_name || '.' || column_name || ' ' || data_type || ' ' || udt_name || ' null=' || is_nullable || ' default=' || coalesce(column_default, '') AS item
    FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
  UNION ALL
  SELECT 'index', indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
  UNION ALL
  SELECT 'constraint', conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'
  UNION ALL
  SELECT 'trigger', tgrelid::regclass || ' ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
  UNION ALL
  SELECT 'enum', t.typname || '.' || e.enumlabel || '@' || e.enumsortorder
    FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typnamespace = 'public'::regnamespace
  ORDER BY 1, 2`;

async function catalogue(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ kind: string; item: string }>(CATALOGUE)).rows.map((r) => `${r.kind}: ${r.item}`);
  } finally {
    await client.end();
  }
}

async function applyScript(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function withTwoDatabases(run: (fromMigrations: string, fromSchema: string) => Promise<void>) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const [a, b] = await Promise.all([startEmbeddedDatabase(), startEmbeddedDatabase()]);
    try {
      await run(a.url, b.url);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    return;
  }
  const databases: LocalDatabase[] = [];
  try {
    for (const name of [`ca_drift_a_${process.pid}`, `ca_drift_b_${process.pid}`]) {
      databases.push(await createLocalDatabase(serverUrl, name));
    }
    await run(databases[0].url, databases[1].url);
  } finally {
    for (const database of databases) await database.drop();
  }
}

await withTwoDatabases(async (fromMigrations, fromSchema) => {
  await migrateDatabase(fromMigrations, { quiet: true });
  // Asynchronously: the embedded databases are served from this very process.
  const { stdout: script } = await promisify(execFile)(
    process.execPath,
    ["scripts/prisma.mjs", "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { env: { ...process.env, DATABASE_URL: fromSchema }, encoding: "utf8" },
  );
  await applyScript(fromSchema, script);
  await applyExtras(fromSchema);
  const [expected, actual] = await Promise.all([catalogue(fromSchema), catalogue(fromMigrations)]);
  const missing = expected.filter((item) => !actual.includes(item));
  const extra = actual.filter((item) => !expected.includes(item));
  if (missing.length || extra.length) {
    console.error("prisma/migrations does not produce the database schema.prisma describes.");
    for (const item of missing) console.error(`  missing from migrations: ${item}`);
    for (const item of extra) console.error(`  only in migrations:      ${item}`);
    console.error("Write a migration: see README › Changing the database schema.");
    process.exitCode = 1; // not process.exit(): the databases are dropped first
    return;
  }
  console.log(`Migrations match schema.prisma (${expected.length} catalogue entries compared).`);
});

// Databases of their own on the local PostgreSQL server, for tests, benchmarks and the drift check.
import pg from "pg";
import { migrateDatabase } from "./migrate";
import { assertLocalDatabaseUrl, withDatabase } from "./test-guard";

export interface LocalDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates database `name` on the local server at `serverUrl` (replacing one left over under that
 * name), migrated when asked. It and `drop()` connect only for their statements.
 */
export async function createLocalDatabase(serverUrl: string, name: string, options: { migrate?: boolean } = {}): Promise<LocalDatabase> {
  assertLocalDatabaseUrl(serverUrl);
  const drop = () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`);
  const url = withDatabase(serverUrl, name);
  if (options.migrate) {
    try {
      await migrateDatabase(url, { quiet: true });
    } catch (error) {
      await drop();
      throw error;
    }
  }
  return { url, drop };
}

/** Statements on a connection of their own, held no longer than they take (the server is shared). */
export async function onServer(serverUrl: string, ...statements: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}

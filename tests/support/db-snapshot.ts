// Fingerprints of the database, to prove that a refused call changed nothing: per table, the row
// count and an md5 over every row's text. The table list is read from information_schema, so a
// new table is covered without touching this file.
import { getDb } from "@/lib/db/client";

type Fingerprint = Record<string, { rows: number; hash: string }>;

interface Table {
  schema: string;
  name: string;
  /** How the table's rows belong to an account: a WHERE clause with $1 as the account id, or null (shared rows). */
  scope: string | null;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

let tables: Promise<Table[]> | undefined;

/** Every table of the app (public) and of its job queue (pgboss), with how its rows belong to an account. */
function appTables(): Promise<Table[]> {
  tables ??= (async () => {
    const db = getDb();
    const list = await db.$queryRaw<{ schema: string; name: string; accountColumn: boolean }[]>`
      SELECT t.table_schema AS schema, t.table_name AS name,
        EXISTS (SELECT 1 FROM information_schema.columns c
                WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'accountId') AS "accountColumn"
      FROM information_schema.tables t
      WHERE t.table_schema IN ('public', 'pgboss') AND t.table_type = 'BASE TABLE'
      ORDER BY 1, 2`;
    const foreignKeys = await db.$queryRaw<{ name: string; column: string; parent: string }[]>`
      SELECT kcu.table_name AS name, kcu.column_name AS column, ccu.table_name AS parent
      FROM information_schema.table_constraints tc
      JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
      JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
      WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public' AND ccu.column_name = 'id'`;
    const scoped = new Set(list.filter((t) => t.schema === "public" && t.accountColumn).map((t) => t.name));
    return list.map(({ schema, name, accountColumn }) => {
      if (schema !== "public") return { schema, name, scope: null };
      if (name === "Account") return { schema, name, scope: `id = $1::uuid` };
      if (accountColumn) return { schema, name, scope: `"accountId" = $1::uuid` };
      // A child row (an import row) belongs to the account of the row it points to.
      const parents = foreignKeys.filter((fk) => fk.name === name && scoped.has(fk.parent));
      const scope = parents.map((fk) => `${quoted(fk.column)} IN (SELECT id FROM ${quoted(fk.parent)} WHERE "accountId" = $1::uuid)`).join(" OR ");
      return { schema, name, scope: scope || null };
    });
  })();
  return tables;
}

async function fingerprint(selected: Table[], accountId?: string): Promise<Fingerprint> {
  const parts = selected.map((t) => {
    const where = accountId ? `WHERE ${t.scope}` : "";
    return `SELECT '${t.schema}.${t.name}' AS "table", count(*)::int AS rows,
      md5(coalesce(string_agg(md5(r::text), '' ORDER BY md5(r::text)), '')) AS hash
      FROM ${quoted(t.schema)}.${quoted(t.name)} r ${where}`;
  });
  const rows = await getDb().$queryRawUnsafe<{ table: string; rows: number; hash: string }[]>(parts.join(" UNION ALL "), ...(accountId ? [accountId] : []));
  return Object.fromEntries(rows.map((r) => [r.table, { rows: r.rows, hash: r.hash }]));
}

/** Every row of every table (the outbox and the job queue included). */
export async function databaseFingerprint(): Promise<Fingerprint> {
  return fingerprint(await appTables());
}

/** Every row that belongs to one account, in every table that holds account rows. */
export async function accountFingerprint(accountId: string): Promise<Fingerprint> {
  return fingerprint((await appTables()).filter((t) => t.scope !== null), accountId);
}

// The embedded database serves several connections at once (Prisma's pool, pg-boss' pool): their
// extended-protocol queries and transactions must not interleave on PGlite's single backend.
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";

let embedded: EmbeddedDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  embedded = await startEmbeddedDatabase();
  pool = new pg.Pool({ connectionString: embedded.url, max: 6 });
});

afterAll(async () => {
  await pool.end();
  await embedded.stop();
});

it("runs concurrent parameterized queries from many connections without mixing them up", async () => {
  const results = await Promise.allSettled(
    Array.from({ length: 300 }, (_, i) =>
      i % 2
        ? pool.query("SELECT $1::int + $2::int AS x", [i, 1]).then((r) => r.rows[0].x === i + 1)
        : pool.query("SELECT $1::int + $2::int + $3::int AS x", [i, 1, 2]).then((r) => r.rows[0].x === i + 3),
    ),
  );
  expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
  expect(results.every((r) => r.status === "fulfilled" && r.value)).toBe(true);
});

it("keeps a transaction to its own connection while others wait", async () => {
  await pool.query("CREATE TABLE IF NOT EXISTS t (n int)");
  const tx = await pool.connect();
  await tx.query("BEGIN");
  await tx.query("INSERT INTO t VALUES ($1)", [1]);
  const outside = pool.query("SELECT count(*)::int AS n FROM t"); // must not see, or join, the open transaction
  await new Promise((r) => setTimeout(r, 50));
  await tx.query("ROLLBACK");
  tx.release();
  expect((await outside).rows[0].n).toBe(0);
});

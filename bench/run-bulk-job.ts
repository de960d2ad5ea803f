// `node --conditions=react-server --import tsx bench/run-bulk-job.ts --op changeRole|suspend [--limit 100000] [--chunk 5000]`:
// runs one bulk job (lib/users/bulk-job.ts) over every user of the largest account on DATABASE_URL,
// as the worker would, and prints its time; `--limit` cancels it once that many users were processed.
import { parseArgs } from "node:util";
import { disconnectDb, getDb } from "@/lib/db/client";
import { runBulkJob } from "@/lib/users/bulk-job";

const { values } = parseArgs({ options: { op: { type: "string" }, limit: { type: "string" }, chunk: { type: "string" }, role: { type: "string" } } });
const op = values.op === "suspend" ? "suspend" : "changeRole";
const limit = values.limit ? Number(values.limit) : Infinity;
const chunkSize = values.chunk ? Number(values.chunk) : undefined;
const db = getDb();

const [largest] = await db.$queryRaw<{ accountId: string; n: number }[]>`
  SELECT "accountId"::text AS "accountId", count(*)::int AS n FROM "User" GROUP BY 1 ORDER BY 2 DESC LIMIT 1`;
// The job acts as an active account holder of the account (a seeded account may have none: one is added).
const creator = (await db.user.findFirst({ where: { accountId: largest.accountId, role: "ACCOUNT_HOLDER", status: "ACTIVE" } }))
  ?? (await db.user.create({ data: { accountId: largest.accountId, email: `bench-holder-${Date.now()}@bench.example`, firstName: "Bench", role: "ACCOUNT_HOLDER", status: "ACTIVE" } }));
const params = op === "changeRole" ? { role: values.role ?? "SUPPORT_STAFF" } : {};
const job = await db.bulkJob.create({
  data: { accountId: largest.accountId, createdById: creator.id, operation: op, filters: {}, params, total: Math.min(largest.n, limit), status: "QUEUED" },
});
console.log(`${op} over ${largest.n} users (limit ${limit}), chunk ${chunkSize ?? "default"}`);
const started = performance.now();
let chunks = 0;
await runBulkJob(db, job.id, {
  chunkSize,
  afterChunk: async () => {
    chunks++;
    const { processed } = await db.bulkJob.findUniqueOrThrow({ where: { id: job.id }, select: { processed: true } });
    if (chunks % 10 === 0) console.log(`  ${processed} after ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (processed >= limit) await db.bulkJob.update({ where: { id: job.id }, data: { cancelRequestedAt: new Date() } });
  },
});
const seconds = (performance.now() - started) / 1000;
const done = await db.bulkJob.findUniqueOrThrow({ where: { id: job.id } });
console.log(JSON.stringify({ op, status: done.status, processed: done.processed, changed: done.changed, chunks, seconds: Number(seconds.toFixed(1)), perSecond: Math.round(done.processed / seconds) }));
await disconnectDb();

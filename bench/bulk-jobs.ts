// Bulk "all matching" jobs at scale (issue 21): started as the server action starts them (counted
// and checked under the account lock, audited), then run to the end as the worker runs them
// (lib/users/bulk-job.ts), timed from start to done. Two jobs on the seeded account:
// - suspend every Invited user (one in ten: 100,000 at a million users), target ≤ 20 s per 100,000;
// - change the role of every Member to Support staff (nine in ten), target ≤ 60 s per 1,000,000.
// An actor can't act on themselves, so no job covers "everyone": each target is scaled to the
// number of users the job went through, and the throughput is reported too.
import type { CurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";
import { countUsers } from "@/lib/users/counts";
import type { UserFilters } from "@/lib/users/list-params";
import { runBulkJob, startBulkJob, type JobOperation, type JobParams } from "@/lib/users/bulk-job";
import { asAction } from "./as-action";
import type { Result } from "./result";
import { round } from "./support";

interface JobCase {
  what: string;
  operation: JobOperation;
  filters: UserFilters;
  params: JobParams;
  /** The target: this many seconds per this many users. */
  seconds: number;
  per: number;
}

const CASES: JobCase[] = [
  { what: "suspend every Invited user", operation: "suspend", filters: { status: "INVITED" }, params: {}, seconds: 20, per: 100_000 },
  { what: "change the role of every Member to Support staff", operation: "changeRole", filters: { role: "MEMBER" }, params: { role: "SUPPORT_STAFF" }, seconds: 60, per: 1_000_000 },
];

export async function benchBulkJob(account: { id: string }, actor: CurrentUser, users: number): Promise<Result[]> {
  const at = `(${users.toLocaleString("en")} users)`;
  const results: Result[] = [];
  for (const job of CASES) {
    const name = `users bulk job: ${job.what} ${at}`;
    try {
      const started = performance.now();
      // One filter: the counters' exact count, as the confirmation shows it.
      const { value: expected } = await countUsers(getDb(), account.id, job.filters);
      const { jobId } = await asAction(actor, (ctx) => startBulkJob(ctx, job.operation, job.filters, { count: expected, atLeast: false }, job.params));
      await runBulkJob(getDb(), jobId);
      const seconds = (performance.now() - started) / 1000;
      const done = await getDb().bulkJob.findUniqueOrThrow({ where: { id: jobId }, select: { status: true, processed: true, changed: true } });
      if (done.status !== "DONE" || done.changed !== expected) throw new Error(`${job.what}: ${done.status}, ${done.changed} of ${expected} changed`);
      const target = (job.seconds * done.processed) / job.per;
      console.log(`${name}: ${done.changed.toLocaleString("en")} users in ${round(seconds)} s (${Math.round(done.processed / seconds)} users/s)`);
      results.push(
        { name: `${name}: time for ${done.processed.toLocaleString("en")} users`, value: round(seconds), unit: "s",
          target: `≤ ${round(target)} s (${job.seconds} s per ${job.per.toLocaleString("en")})`, pass: seconds <= target },
        { name: `${name}: throughput`, value: Math.round(done.processed / seconds), unit: "users/s", target: "report", pass: true },
      );
    } catch (error) {
      // A failed job is a failed row, not a lost run.
      console.error(error);
      results.push({ name: `${name}: time`, value: NaN, unit: "s", target: `≤ ${job.seconds} s per ${job.per.toLocaleString("en")}`, pass: false });
    }
  }
  return results;
}

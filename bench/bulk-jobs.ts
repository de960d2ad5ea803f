// Bulk "all matching" jobs at scale (issue 21): change the role of every user of the account as a
// job, timed from start to done (target ≤ 60 s at 1,000,000 users).
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Result } from "./result";

/**
 * PLACEHOLDER, to fill in once lib/users/bulk-job.ts is merged: start "change role of all
 * `users` matching no filter" as a job for `actor` on `databaseUrl`, wait for it to finish, and
 * return its time as { name: `users bulk job: change role of all … users`, unit: "ms", target: "≤ 60000 ms" }.
 */
export async function benchBulkJob(databaseUrl: string, account: { id: string }, actor: CurrentUser, users: number): Promise<Result[]> {
  return [];
}

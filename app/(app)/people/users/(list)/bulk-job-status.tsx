import { BulkJobBanner } from "@/components/users/bulk-job-banner";
import { getDb } from "@/lib/db/client";
import { currentBulkJob } from "@/lib/users/bulk-job";
import { cancelBulkJobAction } from "../actions";

/** The account's running (or just ended) bulk job, rendered on the server so it shows without JavaScript. */
export async function BulkJobStatus({ accountId, canCancel, refreshHref }: { accountId: string; canCancel: boolean; refreshHref: string }) {
  const job = await currentBulkJob(getDb(), accountId);
  return job && <BulkJobBanner key={job.id} initial={job} cancelAction={canCancel ? cancelBulkJobAction : undefined} refreshHref={refreshHref} />;
}

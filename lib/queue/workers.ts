import "server-only";
import type PgBoss from "pg-boss";
import { getDb } from "@/lib/db/client";
import { reflectImport } from "@/lib/imports/reflect";
import { deliverEmail, RetryLaterError } from "@/lib/mail/deliver";
import { createMailTransport } from "@/lib/mail/transport";
import { processResetRequest } from "@/lib/password-reset/job";
import { finishBulkJob, runBulkJob } from "@/lib/users/bulk-job";
import type { ResetRequestJob } from "@/lib/password-reset/request";
import { createBoss, createQueues, QUEUES, queueSettings } from "@/lib/queue/boss";

export interface Workers {
  stop(): Promise<void>;
}

interface SendEmailJob {
  outboxId: string;
}

interface ReflectImportJob {
  batchId: string;
}

interface BulkUsersJob {
  jobId: string;
}

/**
 * Starts this process' job workers: inside the web server by default, or alone with
 * `npm run worker`. Any number may run at once: pg-boss hands each job to one worker at a time,
 * and every handler is idempotent for the rare job delivered twice.
 */
export async function startWorkers(connectionString = process.env.DATABASE_URL): Promise<Workers> {
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  const settings = queueSettings();
  const boss = createBoss(connectionString);
  await boss.start();
  await createQueues(boss);
  const transport = createMailTransport();

  const workerId = await boss.work<SendEmailJob>(
    QUEUES.sendEmail,
    { batchSize: settings.mailBatchSize, includeMetadata: true, pollingIntervalSeconds: settings.pollingSeconds },
    async (jobs: PgBoss.JobWithMetadata<SendEmailJob>[]) => {
      // One batch, sent concurrently through the SMTP pool; each job succeeds or fails on its own.
      await Promise.all(
        jobs.map(async (job) => {
          try {
            await deliverEmail(getDb(), transport, job.data.outboxId, {
              leaseSeconds: settings.mailTimeoutSeconds,
              lastAttempt: job.retryCount >= job.retryLimit,
            });
          } catch (error) {
            if (!(error instanceof RetryLaterError)) console.error("[queue] send-email", error);
            await boss.fail(QUEUES.sendEmail, job.id, { message: error instanceof Error ? error.message : String(error) });
          }
        }),
      );
      // A full batch means more is waiting: fetch again at once instead of sleeping a polling interval.
      if (jobs.length === settings.mailBatchSize) boss.notifyWorker(workerId);
    },
  );

  // Imports due at once are reflected a few at a time: their transactions wait on the database
  // more than on this process.
  const reflectBatch = 4;
  const reflectWorker: string = await boss.work<ReflectImportJob>(
    QUEUES.reflectImport,
    { batchSize: reflectBatch, pollingIntervalSeconds: settings.pollingSeconds },
    async (jobs) => {
      const results = await Promise.allSettled(jobs.map((job) => reflectImport(getDb(), job.data.batchId)));
      for (const [i, result] of results.entries()) {
        if (result.status === "rejected") {
          console.error("[queue] reflect-import", result.reason);
          await boss.fail(QUEUES.reflectImport, jobs[i].id, { message: String(result.reason) });
        }
      }
      if (jobs.length === reflectBatch) boss.notifyWorker(reflectWorker);
    },
  );

  // "Forgot password?" requests: the page has answered already; the lookup and the email happen here.
  const resetBatch = 10;
  const resetWorker: string = await boss.work<ResetRequestJob>(
    QUEUES.passwordResetRequest,
    { batchSize: resetBatch, pollingIntervalSeconds: settings.pollingSeconds },
    async (jobs) => {
      const results = await Promise.allSettled(jobs.map((job) => processResetRequest(getDb(), job.data)));
      for (const [i, result] of results.entries()) {
        if (result.status === "rejected") {
          console.error("[queue] password-reset-request", result.reason);
          await boss.fail(QUEUES.passwordResetRequest, jobs[i].id, { message: String(result.reason) });
        }
      }
      if (jobs.length === resetBatch) boss.notifyWorker(resetWorker);
    },
  );

  // Bulk jobs on "all matching" users: one at a time per worker, each its own chunked transactions.
  await boss.work<BulkUsersJob>(
    QUEUES.bulkUsers,
    { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: settings.pollingSeconds },
    async ([job]: PgBoss.JobWithMetadata<BulkUsersJob>[]) => {
      try {
        await runBulkJob(getDb(), job.data.jobId);
      } catch (error) {
        console.error("[queue] bulk-users", error);
        // The last attempt: the page must not show it running forever. Its committed chunks stay.
        if (job.retryCount >= job.retryLimit) await finishBulkJob(getDb(), job.data.jobId, "FAILED", "errors.unexpected");
        throw error;
      }
    },
  );

  return {
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      transport.close();
    },
  };
}

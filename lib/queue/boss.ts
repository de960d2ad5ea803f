import PgBoss from "pg-boss";
import type { Tx } from "@/lib/db/client";
import { positiveNumber } from "@/lib/env";

/** Every queue this app uses, with its retry policy. Handlers are idempotent: delivery is at-least-once. */
export const QUEUES = {
  sendEmail: "send-email",
  reflectImport: "reflect-import",
  passwordResetRequest: "password-reset-request",
  bulkUsers: "bulk-users",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

const SCHEMA = "pgboss";


/** Read at call time so tests and scripts can set them before starting a worker. */
export function queueSettings() {
  return {
    pollingSeconds: Math.max(0.5, positiveNumber("QUEUE_POLL_SECONDS", 1)),
    maintenanceSeconds: Math.max(1, Math.round(positiveNumber("QUEUE_MAINTENANCE_SECONDS", 60))),
    /** How long one send may take before another attempt may take the email over. */
    mailTimeoutSeconds: Math.max(1, Math.round(positiveNumber("MAIL_SEND_TIMEOUT_SECONDS", 120))),
    mailRetryLimit: Math.round(positiveNumber("MAIL_RETRY_LIMIT", 10)),
    mailRetryDelaySeconds: Math.max(1, Math.round(positiveNumber("MAIL_RETRY_DELAY_SECONDS", 30))),
    mailBatchSize: Math.round(positiveNumber("MAIL_BATCH_SIZE", 50)),
    /** How long one import reflection may run before another attempt may finish it. */
    importTimeoutSeconds: Math.max(1, Math.round(positiveNumber("IMPORT_JOB_TIMEOUT_SECONDS", 600))),
    importRetryDelaySeconds: Math.max(1, Math.round(positiveNumber("IMPORT_RETRY_DELAY_SECONDS", 10))),
    /** How long one bulk job may run before another attempt may carry it on (a million users take minutes). */
    bulkJobTimeoutSeconds: Math.max(1, Math.round(positiveNumber("BULK_JOB_TIMEOUT_SECONDS", 3600))),
  };
}

function queueOptions(name: QueueName): PgBoss.Queue {
  const settings = queueSettings();
  switch (name) {
    case QUEUES.sendEmail:
      return {
        name,
        retryLimit: settings.mailRetryLimit,
        retryDelay: settings.mailRetryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: settings.mailTimeoutSeconds,
      };
    case QUEUES.reflectImport:
      // Rows are applied in transactions of their own and claimed exactly once, so a retry after
      // a crash or a timeout only finishes what is left.
      return { name, retryLimit: 20, retryDelay: settings.importRetryDelaySeconds, retryBackoff: true, expireInSeconds: settings.importTimeoutSeconds };
    case QUEUES.passwordResetRequest:
      // One short transaction; a retry after a crash sends at most one more link (it retires the first).
      return { name, retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 60 };
    case QUEUES.bulkUsers:
      // Every chunk commits with the job's cursor, so a retry carries on where the last one stopped.
      return { name, retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: settings.bulkJobTimeoutSeconds };
  }
}

export function createBoss(connectionString: string, options: Partial<PgBoss.ConstructorOptions> = {}): PgBoss {
  const settings = queueSettings();
  const boss = new PgBoss({
    connectionString,
    schema: SCHEMA,
    max: 4,
    maintenanceIntervalSeconds: settings.maintenanceSeconds,
    ...options,
  });
  // Logged, never thrown: a lost database connection (a failover, a restart) is reported here and
  // pg-boss carries on with new ones. The stack only: pg's errors carry their whole client object.
  boss.on("error", (error) => console.error("[queue]", error.stack ?? error.message));
  return boss;
}

/** Installs or upgrades pg-boss' own schema and creates (or re-tunes) every queue. Part of migrating. */
export async function installQueues(connectionString: string): Promise<void> {
  const boss = createBoss(connectionString, { supervise: false, schedule: false, max: 1 });
  await boss.start();
  try {
    await createQueues(boss);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

export async function createQueues(boss: PgBoss): Promise<void> {
  for (const name of Object.values(QUEUES)) {
    const options = queueOptions(name);
    if (await boss.getQueue(name)) await boss.updateQueue(name, options);
    else await boss.createQueue(name, options);
  }
}

const globalForQueue = globalThis as unknown as { centralAdminSender?: PgBoss };

const asParameter = (v: unknown) => (v !== null && typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v);

/** pg-boss only needs `{ executeSql }` to write jobs; this one writes through the caller's transaction. */
function through(tx: Tx): PgBoss.Db {
  return { executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values.map(asParameter)) }) };
}

/** An instance that is never started: it only builds job SQL for `through(tx)`. */
function sender(): PgBoss {
  globalForQueue.centralAdminSender ??= new PgBoss({ connectionString: "postgres://unused", schema: SCHEMA });
  return globalForQueue.centralAdminSender;
}

/** The queue's policy, copied onto each job so it follows this process' settings. */
function policyOf(name: QueueName) {
  const { name: _name, ...policy } = queueOptions(name);
  return policy;
}

/**
 * Adds jobs inside the caller's transaction, so they exist exactly when the change that caused
 * them commits — and not at all if it rolls back.
 */
export async function enqueueMany(tx: Tx, name: QueueName, items: object[]): Promise<void> {
  if (items.length === 0) return;
  const policy = policyOf(name);
  // pg-boss' bulk insert returns no rows; count what the statement wrote instead.
  let inserted = 0;
  const db: PgBoss.Db = {
    executeSql: async (text, values) => {
      inserted += await tx.$executeRawUnsafe(text, ...values.map(asParameter));
      return { rows: [] };
    },
  };
  await sender().insert(items.map((data) => ({ name, data, ...policy })), { db });
  if (inserted !== items.length) throw new Error(`Queue ${name} refused jobs (is the queue installed?)`);
}

/** One job, with send options such as `startAfter`, inside the caller's transaction. */
export async function enqueue(tx: Tx, name: QueueName, data: object, options: PgBoss.SendOptions = {}): Promise<string> {
  const id = await sender().send(name, data, { ...policyOf(name), ...options, db: through(tx) });
  if (!id) throw new Error(`Queue ${name} refused the job (is the queue installed?)`);
  return id;
}

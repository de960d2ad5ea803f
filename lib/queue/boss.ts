import PgBoss from "pg-boss";
import type { Tx } from "@/lib/db/client";

/** Every queue this app uses, with its retry policy. Handlers are idempotent: delivery is at-least-once. */
export const QUEUES = {
  sendEmail: "send-email",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

const SCHEMA = "pgboss";

const seconds = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

/** Read at call time so tests and scripts can set them before starting a worker. */
export function queueSettings() {
  return {
    pollingSeconds: Math.max(0.5, seconds("QUEUE_POLL_SECONDS", 1)),
    maintenanceSeconds: Math.max(1, Math.round(seconds("QUEUE_MAINTENANCE_SECONDS", 60))),
    /** How long one send may take before another attempt may take the email over. */
    mailTimeoutSeconds: Math.max(1, Math.round(seconds("MAIL_SEND_TIMEOUT_SECONDS", 120))),
    mailRetryLimit: Math.round(seconds("MAIL_RETRY_LIMIT", 10)),
    mailRetryDelaySeconds: Math.max(1, Math.round(seconds("MAIL_RETRY_DELAY_SECONDS", 30))),
    mailBatchSize: Math.round(seconds("MAIL_BATCH_SIZE", 50)),
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
  boss.on("error", (error) => console.error("[queue]", error));
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

/**
 * Adds a job inside the caller's transaction, so the job exists exactly when the change that
 * caused it commits. pg-boss only needs a `{ executeSql }` for this; the instance is never started.
 */
export async function enqueue(tx: Tx, name: QueueName, data: object, options: PgBoss.SendOptions = {}): Promise<string> {
  globalForQueue.centralAdminSender ??= new PgBoss({ connectionString: "postgres://unused", schema: SCHEMA });
  const db: PgBoss.Db = {
    executeSql: async (text, values) => ({
      rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values.map((v) => (v !== null && typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v))),
    }),
  };
  // The queue's policy is copied onto each job here, so it follows this process' settings.
  const { name: _name, ...policy } = queueOptions(name);
  const id = await globalForQueue.centralAdminSender.send(name, data, { ...policy, ...options, db });
  if (!id) throw new Error(`Queue ${name} refused the job (is the queue installed?)`);
  return id;
}

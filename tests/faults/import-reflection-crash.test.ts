// Reflection under failure: a worker process killed with SIGKILL in the middle of a 100-row
// import, then two workers restarted at once — every row is applied exactly once: 100 users, 100
// welcome emails, no duplicate, every row accounted for.
import type { ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { afterEach, expect, it } from "vitest";
import { createTestAccount } from "../support/accounts";
import { idForm, importForm, uploadedImportId } from "../support/imports";
import { followed } from "../support/redirects";
import { stopProcess } from "../support/script-process";
import { signInAs } from "../support/session";
import { until } from "../support/until";
import { startWorkerProcess } from "../support/worker-process";
import { commitImportAction, uploadImportAction } from "@/app/(app)/people/users/imports/actions";
import { getDb } from "@/lib/db/client";

// Read when the job is written (here) and by the workers: a dead attempt is taken over after 3 s.
const QUEUE_ENV = { IMPORT_JOB_TIMEOUT_SECONDS: "3", IMPORT_RETRY_DELAY_SECONDS: "1", QUEUE_MAINTENANCE_SECONDS: "1", IMPORT_CHUNK_SIZE: "10" };
Object.assign(process.env, QUEUE_ENV, { IMPORT_REFLECTION_DELAY: "0s" });

const children: ChildProcess[] = [];
afterEach(async () => {
  await Promise.all(children.map((child) => stopProcess(child, "SIGKILL")));
});

const worker = () => {
  const child = startWorkerProcess();
  children.push(child);
  return child;
};

it("SIGKILL mid-reflection, then two workers: every row applied exactly once", { timeout: 120_000 }, async () => {
  const { account, users } = await createTestAccount("Crash import");
  await getDb().subscription.updateMany({ where: { accountId: account.id }, data: { seatsPurchased: 500 } });
  signInAs(users.ADMIN);
  const t = crypto.randomBytes(3).toString("hex");
  const emails = Array.from({ length: 100 }, (_, i) => `row${i}-${t}@crash.example`);
  const csv = ["First name,Email", ...emails.map((e, i) => `Row${i},${e}`)].join("\n");
  const settings = { products: "remote-support", timeZone: "UTC", groupId: "none", locale: "de", role: "MEMBER" };
  const id = uploadedImportId(await followed(uploadImportAction(undefined, importForm(csv, settings, "crash.csv"))));
  uploadedImportId(await followed(commitImportAction(undefined, idForm(id)))); // throws unless the commit redirected to the import

  // Slow each chunk down so the kill lands between chunks and inside one.
  await getDb().$executeRawUnsafe(`
    CREATE FUNCTION slow_import_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.15); RETURN NULL; END $$`);
  await getDb().$executeRawUnsafe(`CREATE TRIGGER slow_import_row AFTER UPDATE ON "ImportRow" FOR EACH STATEMENT EXECUTE FUNCTION slow_import_row()`);
  const done = () => getDb().importRow.count({ where: { batchId: id, status: "DONE" } });
  try {
    const first = worker();
    await until(async () => (await done()) >= 20, "some chunks applied", 60_000);
    await stopProcess(first, "SIGKILL");
    const applied = await done();
    expect(applied).toBeGreaterThanOrEqual(20);
    expect(applied).toBeLessThan(100);

    worker();
    worker();
    await until(async () => (await getDb().importBatch.findUniqueOrThrow({ where: { id } })).status === "DONE", "the batch to finish", 60_000);
  } finally {
    await getDb().$executeRawUnsafe(`DROP TRIGGER slow_import_row ON "ImportRow"`);
    await getDb().$executeRawUnsafe(`DROP FUNCTION slow_import_row`);
  }

  expect(await getDb().importRow.groupBy({ by: ["status"], where: { batchId: id }, _count: { _all: true } })).toEqual([{ status: "DONE", _count: { _all: 100 } }]);
  const created = await getDb().user.findMany({ where: { email: { in: emails } }, select: { accountId: true, locale: true, assignments: { select: { id: true } } } });
  expect(created).toHaveLength(100);
  expect(created.every((u) => u.accountId === account.id && u.locale === "de" && u.assignments.length === 1)).toBe(true);
  const mails = await getDb().outboxEmail.groupBy({ by: ["recipient"], where: { recipient: { in: emails } }, _count: { _all: true } });
  expect(mails).toHaveLength(100);
  expect(mails.every((m) => m._count._all === 1)).toBe(true);
  expect(await getDb().invitation.count({ where: { accountId: account.id, user: { email: { in: emails } } } })).toBe(100);
});

import { beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "../support/session";
import { createTestAccount } from "../support/accounts";
import { retryEmailAction } from "@/app/(app)/settings/outbox/actions";
import { getDb } from "@/lib/db/client";
import type { OutboxStatus } from "@/lib/generated/prisma/enums";
import { findOutboxEmail, listOutbox, queueEmail } from "@/lib/mail/outbox";

let acme: Awaited<ReturnType<typeof createTestAccount>>;
let other: Awaited<ReturnType<typeof createTestAccount>>;

beforeEach(async () => {
  acme = await createTestAccount("Acme");
  other = await createTestAccount("Other");
  signInAs(null);
});

async function emailIn(account: { id: string; name: string }, status: OutboxStatus) {
  const id = await getDb().$transaction((tx) =>
    queueEmail(tx, account.id, {
      to: { email: "someone@example.com", locale: "en", timeZone: "UTC" },
      kind: "productChange",
      variables: { firstName: "Sam", accountName: account.name, inviterName: "Ada", productNames: ["Remote Support"] },
    }),
  );
  await getDb().outboxEmail.update({ where: { id }, data: { status, attempts: 3, lastError: "451 try later" } });
  return id;
}

const statusOf = async (id: string) => (await getDb().outboxEmail.findUniqueOrThrow({ where: { id } })).status;
const jobsFor = async (id: string) =>
  (await getDb().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE data->>'outboxId' = ${id}`)[0].n;

describe("retryEmailAction", () => {
  it("queues a failed email again with a new delivery job, audited", async () => {
    const id = await emailIn(acme.account, "FAILED");
    signInAs(acme.users.ADMIN);
    expect(await retryEmailAction(undefined, { id })).toEqual({ ok: true, data: { id } });
    expect(await statusOf(id)).toBe("QUEUED");
    expect(await jobsFor(id)).toBe(2);
    expect(await getDb().auditEvent.findFirst({ where: { action: "email.retry", targetId: id } })).toMatchObject({
      accountId: acme.account.id, actorId: acme.users.ADMIN.id, before: { status: "FAILED" }, after: { status: "QUEUED" },
    });
  });

  it("refuses an email that didn't fail, and changes nothing", async () => {
    const id = await emailIn(acme.account, "SENT");
    signInAs(acme.users.ACCOUNT_HOLDER);
    expect(await retryEmailAction(undefined, { id })).toEqual({ ok: false, formError: "Only an email that failed can be sent again." });
    expect(await statusOf(id)).toBe("SENT");
    expect(await jobsFor(id)).toBe(1);
  });

  it("refuses a signed-out caller", async () => {
    const id = await emailIn(acme.account, "FAILED");
    expect(await retryEmailAction(undefined, { id })).toEqual({ ok: false, formError: "Your session has ended. Sign in again." });
    expect(await statusOf(id)).toBe("FAILED");
  });

  it.each(["SUPPORT_STAFF", "MEMBER"] as const)("refuses %s (too low a role)", async (role) => {
    const id = await emailIn(acme.account, "FAILED");
    signInAs(acme.users[role]);
    expect(await retryEmailAction(undefined, { id })).toEqual({ ok: false, formError: "Your role doesn't allow this." });
    expect(await statusOf(id)).toBe("FAILED");
    expect(await jobsFor(id)).toBe(1);
  });

  it("treats another account's email as not found, whatever else the request claims", async () => {
    const id = await emailIn(other.account, "FAILED");
    signInAs(acme.users.ADMIN);
    const result = await retryEmailAction(undefined, { id, accountId: other.account.id });
    expect(result).toEqual({ ok: false, formError: "That item doesn't exist in your account." });
    expect(await statusOf(id)).toBe("FAILED");
    expect(await jobsFor(id)).toBe(1);
    expect(await getDb().auditEvent.count({ where: { action: "email.retry", targetId: id } })).toBe(0);
  });

  it("reports a malformed id at the field", async () => {
    signInAs(acme.users.ADMIN);
    expect(await retryEmailAction(undefined, { id: "../../etc" })).toEqual({ ok: false, fieldErrors: { id: ["This value isn't valid."] } });
  });
});

describe("outbox queries", () => {
  it("list and detail only ever show the caller's account", async () => {
    const mine = await emailIn(acme.account, "QUEUED");
    const theirs = await emailIn(other.account, "QUEUED");
    const { emails } = await listOutbox(getDb(), acme.account.id);
    expect(emails.map((e) => e.id)).toEqual([mine]);
    expect(await findOutboxEmail(getDb(), acme.account.id, theirs)).toBeNull();
    expect((await listOutbox(getDb(), acme.account.id, { status: "FAILED" })).emails).toEqual([]);
  });

  it("pages newest first by keyset", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 52; i++) ids.push(await emailIn(acme.account, "CAPTURED"));
    const first = await listOutbox(getDb(), acme.account.id);
    expect(first.emails).toHaveLength(50);
    const [createdAt, id] = first.nextCursor!.split("_");
    const second = await listOutbox(getDb(), acme.account.id, { after: { createdAt: new Date(createdAt), id } });
    expect(second.emails).toHaveLength(2);
    expect(second.nextCursor).toBeUndefined();
    expect(new Set([...first.emails, ...second.emails].map((e) => e.id))).toEqual(new Set(ids));
  });
});

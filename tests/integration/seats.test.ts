import { beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "../support/session";
import { createTestAccount } from "../support/accounts";
import { addProductsAction, removeProductsAction } from "@/app/(app)/people/users/actions";
import { getDb } from "@/lib/db/client";
import { createAccount } from "@/lib/seed/accounts";

let acme: Awaited<ReturnType<typeof createTestAccount>>;

beforeEach(async () => {
  acme = await createTestAccount("Acme"); // seats: central 5, remote-support 2
  signInAs(null);
});

const ids = (...users: { id: string }[]) => ({ mode: "ids" as const, ids: users.map((u) => u.id) });
const subscriptionOf = (accountId: string, code: string) =>
  getDb().subscription.findFirstOrThrow({ where: { accountId, product: { code } }, select: { id: true, seatsUsed: true, seatsPurchased: true } });

it("50 concurrent single assignments for a 10-seat product: exactly 10 succeed", { timeout: 60_000 }, async () => {
  const { account, users } = await createAccount(getDb(), {
    name: "Race", password: "a long test password",
    seats: { "remote-support": 10 },
    users: [
      { email: `race-admin-${Date.now()}@t.example`, firstName: "Ada", role: "ADMIN" },
      ...Array.from({ length: 50 }, (_, i) => ({ email: `race${i}-${Date.now()}@t.example`, firstName: `R${i}` })),
    ],
  });
  signInAs(users[0]);
  const results = await Promise.all(
    users.slice(1).map((u) => addProductsAction(undefined, { selection: ids(u), expectedCount: 1, productCode: "remote-support", notify: false })),
  );
  expect(results.filter((r) => r.ok)).toHaveLength(10);
  expect(results.filter((r) => !r.ok).map((r) => (r as { formError: string }).formError)).toEqual(
    Array(40).fill("1 seat needed, none available. Nothing was changed."),
  );
  const subscription = await subscriptionOf(account.id, "remote-support");
  expect(subscription.seatsUsed).toBe(10);
  expect(await getDb().licenceAssignment.count({ where: { subscriptionId: subscription.id } })).toBe(10);
});

describe("addProductsAction / removeProductsAction", () => {
  it("refuses a request that doesn't fit whole, with the numbers, and changes nothing", async () => {
    signInAs(acme.users.ADMIN);
    const all = ids(acme.users.ADMIN, acme.users.SUPPORT_STAFF, acme.users.MEMBER);
    const result = await addProductsAction(undefined, { selection: all, expectedCount: 3, productCode: "remote-support", notify: true });
    expect(result).toEqual({ ok: false, formError: "3 seats needed, 2 available. Nothing was changed." });
    expect((await subscriptionOf(acme.account.id, "remote-support")).seatsUsed).toBe(0);
    expect(await getDb().outboxEmail.count({ where: { accountId: acme.account.id } })).toBe(0);
  });

  it("assigns, counts only new holders, frees the seat on removal, and emails each user once in their language", async () => {
    await getDb().user.update({ where: { id: acme.users.MEMBER.id }, data: { locale: "de" } });
    signInAs(acme.users.ADMIN);
    const added = await addProductsAction(undefined, { selection: ids(acme.users.MEMBER, acme.users.SUPPORT_STAFF), expectedCount: 2, productCode: "remote-support", notify: "on" });
    expect(added).toEqual({ ok: true, data: { changed: 2, unchanged: 0, seatsLeft: 0 } });
    const again = await addProductsAction(undefined, { selection: ids(acme.users.MEMBER), expectedCount: 1, productCode: "remote-support", notify: "on" });
    expect(again).toEqual({ ok: true, data: { changed: 0, unchanged: 1, seatsLeft: 0 } });

    const emails = await getDb().outboxEmail.findMany({ where: { accountId: acme.account.id }, orderBy: { recipient: "asc" } });
    expect(emails.map((e) => [e.recipient, e.kind, e.locale])).toEqual(
      [[acme.users.MEMBER.email, "productChange", "de"], [acme.users.SUPPORT_STAFF.email, "productChange", "en"]].sort(),
    );
    expect(emails.find((e) => e.locale === "de")?.text).toContain("Remote Support");
    expect(await getDb().auditEvent.count({ where: { accountId: acme.account.id, action: "licence.assign" } })).toBe(2);

    const removed = await removeProductsAction(undefined, { selection: ids(acme.users.MEMBER), expectedCount: 1, productCode: "remote-support" });
    expect(removed).toEqual({ ok: true, data: { changed: 1, unchanged: 0, seatsLeft: 1 } });
    expect((await subscriptionOf(acme.account.id, "remote-support")).seatsUsed).toBe(1);
    expect(await getDb().outboxEmail.count({ where: { accountId: acme.account.id } })).toBe(2); // no email when not asked
  });

  it("without notifications (one statement): refused whole with the numbers, then assigned and audited per user", async () => {
    signInAs(acme.users.ADMIN);
    const all = ids(acme.users.ADMIN, acme.users.SUPPORT_STAFF, acme.users.MEMBER);
    expect(await addProductsAction(undefined, { selection: all, expectedCount: 3, productCode: "remote-support", notify: false }))
      .toEqual({ ok: false, formError: "3 seats needed, 2 available. Nothing was changed." });
    expect((await subscriptionOf(acme.account.id, "remote-support")).seatsUsed).toBe(0);
    expect(await getDb().auditEvent.count({ where: { accountId: acme.account.id } })).toBe(0);

    const two = ids(acme.users.MEMBER, acme.users.SUPPORT_STAFF);
    expect(await addProductsAction(undefined, { selection: two, expectedCount: 2, productCode: "remote-support", notify: false }))
      .toEqual({ ok: true, data: { changed: 2, unchanged: 0, seatsLeft: 0 } });
    expect(await addProductsAction(undefined, { selection: two, expectedCount: 2, productCode: "remote-support", notify: false }))
      .toEqual({ ok: true, data: { changed: 0, unchanged: 2, seatsLeft: 0 } });
    const events = await getDb().auditEvent.findMany({ where: { accountId: acme.account.id }, orderBy: { targetId: "asc" } });
    expect(events.map((e) => [e.action, e.actorId, e.targetId, e.before, e.after])).toEqual(
      [acme.users.MEMBER.id, acme.users.SUPPORT_STAFF.id].sort().map((id) => ["licence.assign", acme.users.ADMIN.id, id, { "remote-support": false }, { "remote-support": true }]),
    );
    expect(await getDb().outboxEmail.count({ where: { accountId: acme.account.id } })).toBe(0);
  });

  it("without notifications: another account's user in the selection refuses the whole request", async () => {
    const other = await createTestAccount("Other");
    signInAs(acme.users.ADMIN);
    const result = await addProductsAction(undefined, { selection: ids(acme.users.MEMBER, other.users.MEMBER), expectedCount: 2, productCode: "remote-support", notify: false });
    expect(result).toEqual({ ok: false, formError: "The selection changed: 1 user matches now instead of 2. Review it and try again." });
    expect((await subscriptionOf(acme.account.id, "remote-support")).seatsUsed).toBe(0);
    expect((await subscriptionOf(other.account.id, "remote-support")).seatsUsed).toBe(0);
    expect(await getDb().auditEvent.count({ where: { accountId: { in: [acme.account.id, other.account.id] }, action: { startsWith: "licence" } } })).toBe(0);
  });

  it("deleting a user frees their seat too (the trigger counts every path)", async () => {
    const { id: subscriptionId } = await subscriptionOf(acme.account.id, "remote-support");
    await getDb().licenceAssignment.create({ data: { accountId: acme.account.id, subscriptionId, userId: acme.users.MEMBER.id } });
    expect((await subscriptionOf(acme.account.id, "remote-support")).seatsUsed).toBe(1);
    await getDb().user.delete({ where: { id: acme.users.MEMBER.id } });
    expect((await subscriptionOf(acme.account.id, "remote-support")).seatsUsed).toBe(0);
  });

  it("the database itself refuses an assignment past the seats bought", async () => {
    const { id: subscriptionId } = await subscriptionOf(acme.account.id, "remote-support");
    const insert = (userId: string) => getDb().licenceAssignment.create({ data: { accountId: acme.account.id, subscriptionId, userId } });
    await insert(acme.users.MEMBER.id);
    await insert(acme.users.ADMIN.id);
    await expect(insert(acme.users.SUPPORT_STAFF.id)).rejects.toThrow(/seatsUsed_check/);
    expect((await subscriptionOf(acme.account.id, "remote-support")).seatsUsed).toBe(2);
  });

  for (const [name, action, notify] of [["add", addProductsAction, true], ["add without notification", addProductsAction, false], ["remove", removeProductsAction, true]] as const) {
    it(`${name}: refuses signed out, member, support staff, another account's admin, an unknown product`, async () => {
      const other = await createTestAccount("Other");
      const input = { selection: ids(acme.users.MEMBER), expectedCount: 1, productCode: "remote-support", notify };
      expect(await action(undefined, input)).toEqual({ ok: false, formError: "Your session has ended. Sign in again." });
      for (const role of ["MEMBER", "SUPPORT_STAFF"] as const) {
        signInAs(acme.users[role]);
        expect(await action(undefined, input)).toEqual({ ok: false, formError: "Your role doesn't allow this." });
      }
      signInAs(other.users.ADMIN);
      expect((await action(undefined, { ...input, accountId: acme.account.id })).ok).toBe(false);
      signInAs(acme.users.ADMIN);
      expect(await action(undefined, { ...input, productCode: "teleporter" })).toEqual({ ok: false, formError: "That item doesn't exist in your account." });
      expect((await subscriptionOf(acme.account.id, "remote-support")).seatsUsed).toBe(0);
      expect((await subscriptionOf(other.account.id, "remote-support")).seatsUsed).toBe(0);
      expect(await getDb().auditEvent.count({ where: { accountId: { in: [acme.account.id, other.account.id] }, action: { startsWith: "licence" } } })).toBe(0);
    });
  }
});

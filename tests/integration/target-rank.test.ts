// "Nobody acts on users above their role", for every action that targets users: products,
// capabilities (single and bulk, by ids and by filter), invitations — not only roles.
import { beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "../support/session";
import { createTestAccount, type TestAccount } from "../support/accounts";
import { accountFingerprint } from "../support/db-snapshot";
import { backdate, invite, invitedUser } from "../support/invitations";
import { addProductsAction, bulkCapabilitiesAction, bulkResendInvitationsAction, removeProductsAction } from "@/app/(app)/people/users/actions";
import { resendInvitationAction, updateCapabilitiesAction } from "@/app/(app)/people/users/[id]/actions";
import { getDb } from "@/lib/db/client";
import { runBulkJob } from "@/lib/users/bulk-job";

let acme: TestAccount;

beforeEach(async () => {
  acme = await createTestAccount("Acme");
  signInAs(null);
});

const ABOVE_ONE = "You can't change users whose role is above yours.";
const aboveOf = (count: number) =>
  `${count} of the selected users ${count === 1 ? "has" : "have"} a role above yours. Nothing was changed: leave them out of the selection and try again.`;

const ids = (...users: { id: string }[]) => ({ mode: "ids" as const, ids: users.map((u) => u.id) });
const everyone = { mode: "matching" as const, filters: {} };

async function give(userId: string, code: string) {
  const subscription = await getDb().subscription.findFirstOrThrow({ where: { accountId: acme.account.id, product: { code } } });
  await getDb().licenceAssignment.create({ data: { accountId: acme.account.id, subscriptionId: subscription.id, userId } });
}

/** Runs a call that must be refused with `message`, and proves the account didn't change. */
async function refused(call: () => Promise<unknown>, message: string) {
  const before = await accountFingerprint(acme.account.id);
  expect(await call()).toEqual({ ok: false, formError: message });
  expect(await accountFingerprint(acme.account.id)).toEqual(before);
}

describe("products", () => {
  for (const notify of [false, true]) {
    it(`an admin can't add products to the account holder (notify: ${notify}), alone or among others, by ids or by filter`, async () => {
      signInAs(acme.users.ADMIN);
      const change = { productCode: "central", notify };
      await refused(() => addProductsAction(undefined, { ...change, selection: ids(acme.users.ACCOUNT_HOLDER), expectedCount: 1 }), ABOVE_ONE);
      await refused(() => addProductsAction(undefined, { ...change, selection: ids(acme.users.ACCOUNT_HOLDER, acme.users.MEMBER), expectedCount: 2 }), aboveOf(1));
      await refused(() => addProductsAction(undefined, { ...change, selection: everyone, expectedCount: 4 }), aboveOf(1));
      // Users at or below the admin's role are fine, the admin's own user too.
      expect(await addProductsAction(undefined, { ...change, selection: ids(acme.users.ADMIN, acme.users.MEMBER), expectedCount: 2 })).toMatchObject({ ok: true, data: { changed: 2 } });
    });
  }

  it("an admin can't remove the account holder's products", async () => {
    await give(acme.users.ACCOUNT_HOLDER.id, "remote-support");
    await give(acme.users.MEMBER.id, "remote-support");
    signInAs(acme.users.ADMIN);
    for (const notify of [false, true]) {
      const change = { productCode: "remote-support", notify };
      await refused(() => removeProductsAction(undefined, { ...change, selection: ids(acme.users.ACCOUNT_HOLDER), expectedCount: 1 }), ABOVE_ONE);
      await refused(() => removeProductsAction(undefined, { ...change, selection: everyone, expectedCount: 4 }), aboveOf(1));
    }
    expect(await removeProductsAction(undefined, { productCode: "remote-support", notify: false, selection: ids(acme.users.MEMBER), expectedCount: 1 })).toMatchObject({ ok: true, data: { changed: 1 } });
  });

  it("the account holder may change anyone's products", async () => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    expect(await addProductsAction(undefined, { productCode: "central", notify: false, selection: everyone, expectedCount: 4 })).toMatchObject({ ok: true, data: { changed: 4 } });
    expect(await removeProductsAction(undefined, { productCode: "central", notify: true, selection: everyone, expectedCount: 4 })).toMatchObject({ ok: true, data: { changed: 4 } });
  });
});

describe("capabilities", () => {
  beforeEach(async () => {
    await give(acme.users.ACCOUNT_HOLDER.id, "remote-support");
    await give(acme.users.MEMBER.id, "remote-support");
  });

  it("an admin can't switch the account holder's capabilities", async () => {
    signInAs(acme.users.ADMIN);
    await refused(() => updateCapabilitiesAction(undefined, { id: acme.users.ACCOUNT_HOLDER.id, unattendedAccess: false, fileManagement: false, remoteControl: false }), ABOVE_ONE);
    expect(await updateCapabilitiesAction(undefined, { id: acme.users.MEMBER.id, unattendedAccess: false, fileManagement: true, remoteControl: true })).toMatchObject({ ok: true });
  });

  it("nor in bulk, by ids or by filter", async () => {
    signInAs(acme.users.ADMIN);
    const off = { unattendedAccess: "off", fileManagement: "off", remoteControl: "keep" } as const;
    await refused(() => bulkCapabilitiesAction(undefined, { ...off, selection: ids(acme.users.ACCOUNT_HOLDER), expectedCount: 1 }), ABOVE_ONE);
    await refused(() => bulkCapabilitiesAction(undefined, { ...off, selection: ids(acme.users.ACCOUNT_HOLDER, acme.users.MEMBER), expectedCount: 2 }), aboveOf(1));
    await refused(() => bulkCapabilitiesAction(undefined, { ...off, selection: { mode: "matching", filters: { product: "remote-support" } }, expectedCount: 2 }), aboveOf(1));
    // All matching users: a bulk job (decision 0029), which changes the one member when it runs.
    const started = await bulkCapabilitiesAction(undefined, { ...off, selection: { mode: "matching", filters: { role: "MEMBER" } }, expectedCount: 1 });
    expect(started).toEqual({ ok: true, data: { jobId: expect.any(String), total: 1 } });
    await runBulkJob(getDb(), (started as { data: { jobId: string } }).data.jobId);
    expect(await getDb().bulkJob.findFirstOrThrow({ where: { accountId: acme.account.id } })).toMatchObject({ status: "DONE", changed: 1 });
  });

  it("the account holder may switch anyone's", async () => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    expect(await bulkCapabilitiesAction(undefined, { unattendedAccess: "off", fileManagement: "keep", remoteControl: "keep", selection: everyone, expectedCount: 4 })).toMatchObject({ ok: true });
  });
});

describe("invitations", () => {
  /** An invited user of `role`, invited an hour ago (a resend is allowed). */
  async function invited(role: "ADMIN" | "ACCOUNT_HOLDER" | "MEMBER") {
    const user = await invitedUser(acme, role === "MEMBER" ? "Mia" : "Ada");
    await getDb().user.update({ where: { id: user.id }, data: { role } });
    await invite(acme, user.id);
    await backdate(user.id, 60);
    return user;
  }

  it("support staff can't resend the invitation of an invited admin, single or bulk; a member's is fine", async () => {
    const admin = await invited("ADMIN");
    const member = await invited("MEMBER");
    signInAs(acme.users.SUPPORT_STAFF);
    await refused(() => resendInvitationAction(undefined, { userId: admin.id }), ABOVE_ONE);
    await refused(() => bulkResendInvitationsAction(undefined, { selection: ids(admin, member), expectedCount: 2 }), aboveOf(1));
    await refused(() => bulkResendInvitationsAction(undefined, { selection: { mode: "matching", filters: { status: "INVITED" } }, expectedCount: 2 }), aboveOf(1));
    // Users above who aren't waiting for an invitation are skipped anyway: they don't block the others.
    expect(await bulkResendInvitationsAction(undefined, { selection: ids(member, acme.users.ACCOUNT_HOLDER), expectedCount: 2 })).toMatchObject({ ok: true, data: { count: 1 } });
  });

  it("an admin can't resend an invited account holder's invitation", async () => {
    const holder = await invited("ACCOUNT_HOLDER");
    signInAs(acme.users.ADMIN);
    await refused(() => resendInvitationAction(undefined, { userId: holder.id }), ABOVE_ONE);
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "../support/session";
import { createTestAccount } from "../support/accounts";
import { updateCapabilitiesAction } from "@/app/(app)/people/users/[id]/actions";
import { removeProductsAction } from "@/app/(app)/people/users/actions";
import { getDb } from "@/lib/db/client";

let acme: Awaited<ReturnType<typeof createTestAccount>>;
let other: Awaited<ReturnType<typeof createTestAccount>>;

beforeEach(async () => {
  acme = await createTestAccount("Acme"); // its users have no products
  other = await createTestAccount("Other");
  signInAs(null);
});

const flagsOf = (id: string) =>
  getDb().user.findUniqueOrThrow({ where: { id }, select: { unattendedAccess: true, fileManagement: true, remoteControl: true } });

async function giveRemoteSupport(accountId: string, userId: string) {
  const subscription = await getDb().subscription.findFirstOrThrow({ where: { accountId, product: { code: "remote-support" } } });
  await getDb().licenceAssignment.create({ data: { accountId, subscriptionId: subscription.id, userId } });
}

const ALL_ON = { unattendedAccess: true, fileManagement: true, remoteControl: true };

describe("updateCapabilitiesAction", () => {
  it("starts with every capability on", async () => {
    expect(await flagsOf(acme.users.MEMBER.id)).toEqual(ALL_ON);
  });

  it("saves the three flags for a user with Remote Support, audited with before and after", async () => {
    await giveRemoteSupport(acme.account.id, acme.users.MEMBER.id);
    signInAs(acme.users.ADMIN);
    const result = await updateCapabilitiesAction(undefined, { id: acme.users.MEMBER.id, unattendedAccess: false, fileManagement: true, remoteControl: false });
    expect(result).toEqual({ ok: true, data: { id: acme.users.MEMBER.id, unattendedAccess: false, fileManagement: true, remoteControl: false } });
    expect(await flagsOf(acme.users.MEMBER.id)).toEqual({ unattendedAccess: false, fileManagement: true, remoteControl: false });

    const events = await getDb().auditEvent.findMany({ where: { accountId: acme.account.id, action: "capabilities.update" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: acme.users.ADMIN.id, targetType: "user", targetId: acme.users.MEMBER.id,
      before: ALL_ON, after: { unattendedAccess: false, fileManagement: true, remoteControl: false },
    });
  });

  it("takes a form as posted: ticked boxes are on, missing ones off", async () => {
    await giveRemoteSupport(acme.account.id, acme.users.MEMBER.id);
    signInAs(acme.users.ACCOUNT_HOLDER);
    const form = new FormData();
    form.set("id", acme.users.MEMBER.id);
    form.set("fileManagement", "on");
    form.set("remoteControl", "true");
    expect(await updateCapabilitiesAction(undefined, form)).toMatchObject({ ok: true });
    expect(await flagsOf(acme.users.MEMBER.id)).toEqual({ unattendedAccess: false, fileManagement: true, remoteControl: true });
  });

  it("refuses a user without Remote Support and changes nothing", async () => {
    signInAs(acme.users.ADMIN);
    const result = await updateCapabilitiesAction(undefined, { id: acme.users.MEMBER.id, unattendedAccess: false, fileManagement: false, remoteControl: false });
    expect(result).toEqual({ ok: false, formError: "This user doesn't have Remote Support, so these settings can't be changed. Nothing was changed." });
    expect(await flagsOf(acme.users.MEMBER.id)).toEqual(ALL_ON);
    expect(await getDb().auditEvent.count({ where: { accountId: acme.account.id, action: "capabilities.update" } })).toBe(0);
  });

  it("keeps the flags when Remote Support is removed, and uses them again when it comes back", async () => {
    await giveRemoteSupport(acme.account.id, acme.users.MEMBER.id);
    signInAs(acme.users.ADMIN);
    await updateCapabilitiesAction(undefined, { id: acme.users.MEMBER.id, unattendedAccess: true, fileManagement: false, remoteControl: false });
    const removed = await removeProductsAction(undefined, { selection: { mode: "ids", ids: [acme.users.MEMBER.id] }, expectedCount: 1, productCode: "remote-support", notify: false });
    expect(removed).toMatchObject({ ok: true, data: { changed: 1 } });
    expect(await flagsOf(acme.users.MEMBER.id)).toEqual({ unattendedAccess: true, fileManagement: false, remoteControl: false });
    // Without the product they can't be changed, and they are still there when it is back.
    expect(await updateCapabilitiesAction(undefined, { id: acme.users.MEMBER.id, ...ALL_ON })).toMatchObject({ ok: false });
    await giveRemoteSupport(acme.account.id, acme.users.MEMBER.id);
    expect(await flagsOf(acme.users.MEMBER.id)).toEqual({ unattendedAccess: true, fileManagement: false, remoteControl: false });
  });

  it("rejects values that aren't switches, with every field's error", async () => {
    await giveRemoteSupport(acme.account.id, acme.users.MEMBER.id);
    signInAs(acme.users.ADMIN);
    const result = await updateCapabilitiesAction(undefined, { id: "not-a-uuid", unattendedAccess: "yes", fileManagement: 1, remoteControl: true });
    expect(result).toEqual({ ok: false, fieldErrors: { id: ["This value isn't valid."], unattendedAccess: ["This value isn't valid."], fileManagement: ["This value isn't valid."] } });
    expect(await flagsOf(acme.users.MEMBER.id)).toEqual(ALL_ON);
  });
});

describe("updateCapabilitiesAction refuses", () => {
  const off = (id: string) => ({ id, unattendedAccess: false, fileManagement: false, remoteControl: false });

  beforeEach(() => giveRemoteSupport(acme.account.id, acme.users.MEMBER.id));

  it("the signed out, members (their own settings included) and support staff", async () => {
    expect(await updateCapabilitiesAction(undefined, off(acme.users.MEMBER.id))).toEqual({ ok: false, formError: "Your session has ended. Sign in again." });
    for (const role of ["MEMBER", "SUPPORT_STAFF"] as const) {
      signInAs(acme.users[role]);
      expect(await updateCapabilitiesAction(undefined, off(acme.users.MEMBER.id))).toEqual({ ok: false, formError: "Your role doesn't allow this." });
    }
    expect(await flagsOf(acme.users.MEMBER.id)).toEqual(ALL_ON);
  });

  it("another account's admin with this user's id, even with a smuggled accountId: not found, unchanged", async () => {
    signInAs(other.users.ADMIN);
    expect(await updateCapabilitiesAction(undefined, off(acme.users.MEMBER.id))).toEqual({ ok: false, formError: "That item doesn't exist in your account." });
    expect(await updateCapabilitiesAction(undefined, { ...off(acme.users.MEMBER.id), accountId: acme.account.id })).toEqual({
      ok: false, formError: "That item doesn't exist in your account.",
    });
    expect(await flagsOf(acme.users.MEMBER.id)).toEqual(ALL_ON);
    expect(await getDb().auditEvent.count({ where: { action: "capabilities.update", targetId: acme.users.MEMBER.id } })).toBe(0);
  });
});

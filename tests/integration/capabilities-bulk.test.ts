import { beforeEach, expect, it } from "vitest";
import { signInAs } from "../support/session";
import { createTestAccount } from "../support/accounts";
import { bulkCapabilitiesAction } from "@/app/(app)/people/users/actions";
import { getDb } from "@/lib/db/client";

let acme: Awaited<ReturnType<typeof createTestAccount>>;

beforeEach(async () => {
  acme = await createTestAccount("Acme"); // remote-support: 2 seats, nobody assigned
  signInAs(null);
});

const ids = (...users: { id: string }[]) => ({ mode: "ids" as const, ids: users.map((u) => u.id) });
const flags = async (id: string) =>
  getDb().user.findUniqueOrThrow({ where: { id }, select: { unattendedAccess: true, fileManagement: true, remoteControl: true } });

async function giveRemoteSupport(userId: string) {
  const subscription = await getDb().subscription.findFirstOrThrow({ where: { accountId: acme.account.id, product: { code: "remote-support" } } });
  await getDb().licenceAssignment.create({ data: { accountId: acme.account.id, subscriptionId: subscription.id, userId } });
}

it("changes only the chosen switches, only for users with Remote Support, audited per user", async () => {
  await giveRemoteSupport(acme.users.MEMBER.id);
  signInAs(acme.users.ADMIN);
  const result = await bulkCapabilitiesAction(undefined, {
    selection: ids(acme.users.MEMBER, acme.users.SUPPORT_STAFF), expectedCount: 2,
    unattendedAccess: "keep", fileManagement: "off", remoteControl: "off",
  });
  expect(result).toEqual({ ok: true, data: { changed: 1, skipped: 1 } });
  expect(await flags(acme.users.MEMBER.id)).toEqual({ unattendedAccess: true, fileManagement: false, remoteControl: false });
  expect(await flags(acme.users.SUPPORT_STAFF.id)).toEqual({ unattendedAccess: true, fileManagement: true, remoteControl: true });
  const event = await getDb().auditEvent.findFirstOrThrow({ where: { action: "capabilities.update", targetId: acme.users.MEMBER.id } });
  expect(event).toMatchObject({ before: { fileManagement: true, remoteControl: true }, after: { fileManagement: false, remoteControl: false } });
});

it("asks for at least one change", async () => {
  signInAs(acme.users.ADMIN);
  const result = await bulkCapabilitiesAction(undefined, { selection: ids(acme.users.MEMBER), expectedCount: 1, unattendedAccess: "keep", fileManagement: "keep", remoteControl: "keep" });
  expect(result).toEqual({ ok: false, fieldErrors: { unattendedAccess: ["Choose at least one change."] } });
});

it("refuses signed out, member, support staff and another account's admin; nothing changes", async () => {
  await giveRemoteSupport(acme.users.MEMBER.id);
  const other = await createTestAccount("Other");
  const input = { selection: ids(acme.users.MEMBER), expectedCount: 1, unattendedAccess: "off", fileManagement: "off", remoteControl: "off" };
  expect(await bulkCapabilitiesAction(undefined, input)).toEqual({ ok: false, formError: "Your session has ended. Sign in again." });
  for (const role of ["MEMBER", "SUPPORT_STAFF"] as const) {
    signInAs(acme.users[role]);
    expect(await bulkCapabilitiesAction(undefined, input)).toEqual({ ok: false, formError: "Your role doesn't allow this." });
  }
  signInAs(other.users.ADMIN);
  expect((await bulkCapabilitiesAction(undefined, { ...input, accountId: acme.account.id })).ok).toBe(false);
  expect(await flags(acme.users.MEMBER.id)).toEqual({ unattendedAccess: true, fileManagement: true, remoteControl: true });
});

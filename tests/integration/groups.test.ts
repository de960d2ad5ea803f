import { beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "../support/session";
import { createTestAccount } from "../support/accounts";
import { createGroupAction, deleteGroupAction, renameGroupAction } from "@/app/(app)/people/groups/actions";
import { getDb } from "@/lib/db/client";
import { listGroups } from "@/lib/groups/groups";

type TestAccount = Awaited<ReturnType<typeof createTestAccount>>;
let acme: TestAccount;
let other: TestAccount;

beforeEach(async () => {
  acme = await createTestAccount("Acme"); // has one group, "Helpdesk", with no members
  other = await createTestAccount("Other");
  signInAs(null);
});

const SIGNED_OUT = { ok: false, formError: "Your session has ended. Sign in again." };
const FORBIDDEN = { ok: false, formError: "Your role doesn't allow this." };
const NOT_FOUND = { ok: false, formError: "That item doesn't exist in your account." };
const nameError = (message: string) => ({ ok: false, fieldErrors: { name: [message] } });
const TAKEN = (name: string) => nameError(`A group named “${name}” already exists.`);
const REQUIRED = nameError("This field is required.");
const TOO_LONG = nameError("This value is too long.");

const groupNames = async (account: TestAccount) =>
  (await getDb().userGroup.findMany({ where: { accountId: account.account.id }, orderBy: { name: "asc" } })).map((g) => g.name);
// The file's tests share one database: only this test's two accounts count.
const groupAudits = (action?: string) =>
  getDb().auditEvent.findMany({ where: { accountId: { in: [acme.account.id, other.account.id] }, targetType: "group", ...(action && { action }) } });
const helpdeskOf = (account: TestAccount) => getDb().userGroup.findFirstOrThrow({ where: { accountId: account.account.id, name: "Helpdesk" } });
const groupOf = async (userId: string) => (await getDb().user.findUniqueOrThrow({ where: { id: userId } })).groupId;

async function putInGroup(groupId: string, ...userIds: string[]) {
  await getDb().user.updateMany({ where: { id: { in: userIds } }, data: { groupId } });
}

describe("createGroupAction", () => {
  it("creates a trimmed group in the caller's account, audited with its name after", async () => {
    signInAs(acme.users.ADMIN);
    const result = await createGroupAction(undefined, { name: "  Field technicians  " });
    expect(result).toEqual({ ok: true, data: { id: expect.any(String), name: "Field technicians" } });
    expect(await groupNames(acme)).toEqual(["Field technicians", "Helpdesk"]);
    const [event] = await groupAudits("group.create");
    expect(event).toMatchObject({
      accountId: acme.account.id, actorId: acme.users.ADMIN.id, targetType: "group",
      targetId: result.ok ? result.data.id : "", before: null, after: { name: "Field technicians" },
    });
  });

  it("lets the account holder create one too, and accepts FormData as the form sends it", async () => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    const form = new FormData();
    form.set("name", "Night shift");
    expect(await createGroupAction(undefined, form)).toMatchObject({ ok: true, data: { name: "Night shift" } });
    expect(await groupNames(acme)).toEqual(["Helpdesk", "Night shift"]);
  });

  it.each(["Helpdesk", "HELPDESK", " helpdesk "])("refuses %j, a name the account already has in any case, and changes nothing", async (name) => {
    signInAs(acme.users.ADMIN);
    expect(await createGroupAction(undefined, { name })).toEqual(TAKEN("Helpdesk"));
    expect(await groupNames(acme)).toEqual(["Helpdesk"]);
    expect(await groupAudits()).toEqual([]);
  });

  it("compares accented names case-insensitively too", async () => {
    signInAs(acme.users.ADMIN);
    expect(await createGroupAction(undefined, { name: "Équipe été" })).toMatchObject({ ok: true });
    expect(await createGroupAction(undefined, { name: "ÉQUIPE ÉTÉ" })).toEqual(TAKEN("Équipe été"));
  });

  it("allows a name that only another account uses", async () => {
    await getDb().userGroup.create({ data: { accountId: acme.account.id, name: "Sales" } });
    signInAs(other.users.ADMIN);
    expect(await createGroupAction(undefined, { name: "sales" })).toMatchObject({ ok: true });
    expect(await groupNames(other)).toEqual(["Helpdesk", "sales"]);
  });

  it("requires a name of at most 60 characters", async () => {
    signInAs(acme.users.ADMIN);
    expect(await createGroupAction(undefined, { name: "   " })).toEqual(REQUIRED);
    expect(await createGroupAction(undefined, {})).toEqual(REQUIRED);
    expect(await createGroupAction(undefined, { name: "x".repeat(61) })).toEqual(TOO_LONG);
    expect(await groupNames(acme)).toEqual(["Helpdesk"]);
    expect(await createGroupAction(undefined, { name: ` ${"x".repeat(60)} ` })).toMatchObject({ ok: true });
    expect(await groupNames(acme)).toEqual(["Helpdesk", "x".repeat(60)]);
  });

  it("lets only one of several concurrent case variants through", async () => {
    signInAs(acme.users.ADMIN);
    const results = await Promise.all(["Sales", "SALES", "sales"].map((name) => createGroupAction(undefined, { name })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toHaveLength(2);
    expect((await groupNames(acme)).filter((n) => n.toLowerCase() === "sales")).toHaveLength(1);
    expect(await groupAudits("group.create")).toHaveLength(1);
  });

  it("turns the unique index's refusal (a write that raced past the check) into the same field error", async () => {
    signInAs(acme.users.ADMIN);
    let pending: ReturnType<typeof createGroupAction> | undefined;
    // An uncommitted insert of the same name, made without the lock (as a seed or import might):
    // the action's own insert waits for it, then fails on the unique index once it commits.
    await getDb().$transaction(async (tx) => {
      await tx.userGroup.create({ data: { accountId: acme.account.id, name: "Racing" } });
      pending = createGroupAction(undefined, { name: "Racing" });
      await new Promise((resolve) => setTimeout(resolve, 500));
    });
    expect(await pending).toEqual(TAKEN("Racing"));
    expect(await groupNames(acme)).toEqual(["Helpdesk", "Racing"]);
    expect(await groupAudits()).toEqual([]);
  });

  it("refuses a signed-out caller", async () => {
    expect(await createGroupAction(undefined, { name: "Ghosts" })).toEqual(SIGNED_OUT);
    expect(await groupNames(acme)).toEqual(["Helpdesk"]);
  });

  it.each(["SUPPORT_STAFF", "MEMBER"] as const)("refuses %s (too low a role)", async (role) => {
    signInAs(acme.users[role]);
    expect(await createGroupAction(undefined, { name: "Mine" })).toEqual(FORBIDDEN);
    expect(await groupNames(acme)).toEqual(["Helpdesk"]);
    expect(await groupAudits()).toEqual([]);
  });

  it("creates in the caller's account whatever accountId the request claims", async () => {
    signInAs(other.users.ADMIN);
    expect(await createGroupAction(undefined, { name: "Intruders", accountId: acme.account.id })).toMatchObject({ ok: true });
    expect(await groupNames(acme)).toEqual(["Helpdesk"]);
    expect(await groupNames(other)).toEqual(["Helpdesk", "Intruders"]);
  });
});

describe("renameGroupAction", () => {
  it("renames a group, audited with the name before and after", async () => {
    const helpdesk = await helpdeskOf(acme);
    signInAs(acme.users.ADMIN);
    expect(await renameGroupAction(undefined, { id: helpdesk.id, name: "  Service desk " })).toEqual({ ok: true, data: { id: helpdesk.id, name: "Service desk" } });
    expect(await groupNames(acme)).toEqual(["Service desk"]);
    expect(await groupAudits("group.rename")).toMatchObject([{
      accountId: acme.account.id, actorId: acme.users.ADMIN.id, targetId: helpdesk.id,
      before: { name: "Helpdesk" }, after: { name: "Service desk" },
    }]);
  });

  it("may change only the case of the group's own name", async () => {
    const helpdesk = await helpdeskOf(acme);
    signInAs(acme.users.ACCOUNT_HOLDER);
    expect(await renameGroupAction(undefined, { id: helpdesk.id, name: "HelpDesk" })).toMatchObject({ ok: true });
    expect(await groupNames(acme)).toEqual(["HelpDesk"]);
  });

  it("refuses the name of another group in any case, and changes nothing", async () => {
    const helpdesk = await helpdeskOf(acme);
    await getDb().userGroup.create({ data: { accountId: acme.account.id, name: "Sales" } });
    signInAs(acme.users.ADMIN);
    expect(await renameGroupAction(undefined, { id: helpdesk.id, name: "sALES" })).toEqual(TAKEN("Sales"));
    expect(await groupNames(acme)).toEqual(["Helpdesk", "Sales"]);
    expect(await groupAudits()).toEqual([]);
  });

  it("requires a name of at most 60 characters and a valid id", async () => {
    const helpdesk = await helpdeskOf(acme);
    signInAs(acme.users.ADMIN);
    expect(await renameGroupAction(undefined, { id: helpdesk.id, name: "" })).toEqual(REQUIRED);
    expect(await renameGroupAction(undefined, { id: helpdesk.id, name: "y".repeat(61) })).toEqual(TOO_LONG);
    expect(await renameGroupAction(undefined, { id: "not-a-uuid", name: "Ok" })).toEqual({ ok: false, fieldErrors: { id: ["This value isn't valid."] } });
    expect(await groupNames(acme)).toEqual(["Helpdesk"]);
  });

  it("refuses a signed-out caller", async () => {
    const helpdesk = await helpdeskOf(acme);
    expect(await renameGroupAction(undefined, { id: helpdesk.id, name: "Renamed" })).toEqual(SIGNED_OUT);
    expect(await groupNames(acme)).toEqual(["Helpdesk"]);
  });

  it.each(["SUPPORT_STAFF", "MEMBER"] as const)("refuses %s (too low a role)", async (role) => {
    const helpdesk = await helpdeskOf(acme);
    signInAs(acme.users[role]);
    expect(await renameGroupAction(undefined, { id: helpdesk.id, name: "Renamed" })).toEqual(FORBIDDEN);
    expect(await groupNames(acme)).toEqual(["Helpdesk"]);
    expect(await groupAudits()).toEqual([]);
  });

  it("treats another account's group as not found, whatever accountId the request claims", async () => {
    const theirs = await helpdeskOf(acme);
    signInAs(other.users.ADMIN);
    expect(await renameGroupAction(undefined, { id: theirs.id, name: "Taken over", accountId: acme.account.id })).toEqual(NOT_FOUND);
    expect(await groupNames(acme)).toEqual(["Helpdesk"]);
    expect(await groupNames(other)).toEqual(["Helpdesk"]);
    expect(await groupAudits()).toEqual([]);
  });

  it("ignores an accountId in the input for the caller's own group", async () => {
    const helpdesk = await helpdeskOf(acme);
    signInAs(acme.users.ADMIN);
    expect(await renameGroupAction(undefined, { id: helpdesk.id, name: "Support", accountId: other.account.id })).toMatchObject({ ok: true });
    expect(await groupNames(acme)).toEqual(["Support"]);
    expect(await groupNames(other)).toEqual(["Helpdesk"]);
  });
});

describe("deleteGroupAction", () => {
  it("deletes the group and keeps its members, ungrouped; audited with the name and member count before", async () => {
    const helpdesk = await helpdeskOf(acme);
    const sales = await getDb().userGroup.create({ data: { accountId: acme.account.id, name: "Sales" } });
    await putInGroup(helpdesk.id, acme.users.MEMBER.id, acme.users.SUPPORT_STAFF.id);
    await putInGroup(sales.id, acme.users.ADMIN.id);
    signInAs(acme.users.ADMIN);

    expect(await deleteGroupAction(undefined, { id: helpdesk.id })).toEqual({ ok: true, data: { id: helpdesk.id } });

    expect(await groupNames(acme)).toEqual(["Sales"]);
    expect(await getDb().user.count({ where: { accountId: acme.account.id } })).toBe(4);
    expect(await groupOf(acme.users.MEMBER.id)).toBeNull();
    expect(await groupOf(acme.users.SUPPORT_STAFF.id)).toBeNull();
    expect(await groupOf(acme.users.ADMIN.id)).toBe(sales.id);
    expect(await groupAudits("group.delete")).toMatchObject([{
      accountId: acme.account.id, actorId: acme.users.ADMIN.id, targetId: helpdesk.id,
      before: { name: "Helpdesk", memberCount: 2 }, after: null,
    }]);
  });

  it("says a group deleted meanwhile is not found", async () => {
    const helpdesk = await helpdeskOf(acme);
    signInAs(acme.users.ACCOUNT_HOLDER);
    expect(await deleteGroupAction(undefined, { id: helpdesk.id })).toMatchObject({ ok: true });
    expect(await deleteGroupAction(undefined, { id: helpdesk.id })).toEqual(NOT_FOUND);
    expect(await groupAudits("group.delete")).toHaveLength(1);
  });

  it("refuses a malformed id at the field", async () => {
    signInAs(acme.users.ADMIN);
    expect(await deleteGroupAction(undefined, { id: "1 OR 1=1" })).toEqual({ ok: false, fieldErrors: { id: ["This value isn't valid."] } });
  });

  it("refuses a signed-out caller", async () => {
    const helpdesk = await helpdeskOf(acme);
    expect(await deleteGroupAction(undefined, { id: helpdesk.id })).toEqual(SIGNED_OUT);
    expect(await groupNames(acme)).toEqual(["Helpdesk"]);
  });

  it.each(["SUPPORT_STAFF", "MEMBER"] as const)("refuses %s (too low a role)", async (role) => {
    const helpdesk = await helpdeskOf(acme);
    await putInGroup(helpdesk.id, acme.users.MEMBER.id);
    signInAs(acme.users[role]);
    expect(await deleteGroupAction(undefined, { id: helpdesk.id })).toEqual(FORBIDDEN);
    expect(await groupNames(acme)).toEqual(["Helpdesk"]);
    expect(await groupOf(acme.users.MEMBER.id)).toBe(helpdesk.id);
    expect(await groupAudits()).toEqual([]);
  });

  it("treats another account's group as not found, whatever accountId the request claims", async () => {
    const theirs = await helpdeskOf(acme);
    await putInGroup(theirs.id, acme.users.MEMBER.id);
    signInAs(other.users.ADMIN);
    expect(await deleteGroupAction(undefined, { id: theirs.id, accountId: acme.account.id })).toEqual(NOT_FOUND);
    expect(await groupNames(acme)).toEqual(["Helpdesk"]);
    expect(await groupOf(acme.users.MEMBER.id)).toBe(theirs.id);
    expect(await groupAudits()).toEqual([]);
  });

  it("ignores an accountId in the input for the caller's own group", async () => {
    const helpdesk = await helpdeskOf(acme);
    signInAs(acme.users.ADMIN);
    expect(await deleteGroupAction(undefined, { id: helpdesk.id, accountId: other.account.id })).toMatchObject({ ok: true });
    expect(await groupNames(acme)).toEqual([]);
    expect(await groupNames(other)).toEqual(["Helpdesk"]);
  });
});

describe("listGroups", () => {
  it("lists only the account's groups, alphabetically whatever the case, with member counts", async () => {
    const helpdesk = await helpdeskOf(acme);
    const db = getDb();
    await db.userGroup.createMany({ data: ["zulu", "Alpha", "bravo", "Group 10", "Group 9"].map((name) => ({ accountId: acme.account.id, name })) });
    await putInGroup(helpdesk.id, acme.users.MEMBER.id, acme.users.ADMIN.id);
    const groups = await listGroups(db, acme.account.id);
    expect(groups.map((g) => g.name)).toEqual(["Alpha", "bravo", "Group 9", "Group 10", "Helpdesk", "zulu"]);
    expect(groups.find((g) => g.name === "Helpdesk")).toEqual({ id: helpdesk.id, name: "Helpdesk", memberCount: 2 });
    expect(groups.filter((g) => g.memberCount === 0)).toHaveLength(5);
    expect((await listGroups(db, other.account.id)).map((g) => g.name)).toEqual(["Helpdesk"]);
  });
});

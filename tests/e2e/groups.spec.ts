import type { Page } from "@playwright/test";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { expect, expectAccessible, test } from "./fixtures";
import { toastsGone } from "./support/toasts";

/** A group of the account with the given users in it. */
async function groupWith(db: PrismaClient, accountId: string, name: string, userIds: string[] = []) {
  const group = await db.userGroup.create({ data: { accountId, name } });
  await db.user.updateMany({ where: { id: { in: userIds } }, data: { groupId: group.id } });
  return group;
}

const table = (page: Page) => page.getByRole("table", { name: "Groups" });
const row = (page: Page, name: string) => table(page).getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
const memberCount = (page: Page, name: string) => row(page, name).getByRole("cell").first();

test("an admin creates, renames and deletes groups; members are kept", async ({ page, db, account, signIn }) => {
  const { SUPPORT_STAFF, MEMBER } = account.users;
  const helpdesk = await groupWith(db, account.id, "Helpdesk", [SUPPORT_STAFF.id, MEMBER.id]);

  await signIn(account.users.ADMIN.email);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Groups" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
  await expect(memberCount(page, "Helpdesk")).toHaveText("2");
  await expectAccessible(page);

  // Create: the new group is listed in name order, the field is emptied for the next one.
  await page.getByLabel("Group name").fill("  Field team ");
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(page.getByRole("status")).toHaveText("The group “Field team” was created.");
  await expect(memberCount(page, "Field team")).toHaveText("0");
  await expect(table(page).getByRole("rowheader")).toHaveText(["Field team", "Helpdesk"]);
  await expect(page.getByLabel("Group name")).toHaveValue("");

  // No rename box on every row: Edit turns the row into a form; Escape returns, focus back on Edit.
  await expect(page.getByRole("textbox", { name: /New name for/ })).toHaveCount(0);
  await row(page, "Helpdesk").getByRole("button", { name: "Edit Helpdesk" }).click();
  await expect(page.getByLabel("New name for Helpdesk")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByLabel("New name for Helpdesk")).toHaveCount(0);
  await expect(row(page, "Helpdesk").getByRole("button", { name: "Edit Helpdesk" })).toBeFocused();

  // Rename keeps the members; a toast and the row's own status say so.
  await row(page, "Helpdesk").getByRole("button", { name: "Edit Helpdesk" }).click();
  await page.getByLabel("New name for Helpdesk").fill("Service desk");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(memberCount(page, "Service desk")).toHaveText("2");
  await expect(row(page, "Helpdesk")).toHaveCount(0);
  await expect(row(page, "Service desk").getByRole("status")).toHaveText("The group is now called “Service desk”.");
  await expect(page.getByRole("region", { name: /Notifications/ })).toContainText("The group is now called “Service desk”.");
  await expect(page.getByLabel("New name for Service desk")).toHaveCount(0);

  // Delete asks first, naming the group and its members; Cancel changes nothing.
  await row(page, "Service desk").getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Delete the group “Service desk”?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Its 2 members are kept and become ungrouped.");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await toastsGone(page);
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(memberCount(page, "Service desk")).toHaveText("2");

  await row(page, "Service desk").getByRole("button", { name: "Delete", exact: true }).click();
  await dialog.getByRole("button", { name: "Delete group" }).click();
  await expect(row(page, "Service desk")).toHaveCount(0);
  await expect(page.getByRole("region", { name: /Notifications/ })).toContainText("The group “Service desk” was deleted.");
  await expect(table(page).getByRole("rowheader")).toHaveText(["Field team"]);
  expect(await db.userGroup.findUnique({ where: { id: helpdesk.id } })).toBeNull();
  const members = await db.user.findMany({ where: { id: { in: [SUPPORT_STAFF.id, MEMBER.id] } } });
  expect(members.map((m) => m.groupId)).toEqual([null, null]);

  // The last one: the empty state.
  await row(page, "Field team").getByRole("button", { name: "Delete", exact: true }).click();
  const last = page.getByRole("dialog", { name: "Delete the group “Field team”?" });
  await expect(last).toContainText("This group has no members.");
  await last.getByRole("button", { name: "Delete group" }).click();
  await expect(page.getByText("This account has no groups yet.")).toBeVisible();
  await expect(table(page)).toHaveCount(0);
  await toastsGone(page);
  await expectAccessible(page);
});

test("a name the account already has, in any case, is refused at the field", async ({ page, db, account, signIn }) => {
  await groupWith(db, account.id, "Helpdesk");
  await groupWith(db, account.id, "Sales");
  await signIn(account.users.ACCOUNT_HOLDER.email);
  await page.goto("/people/groups");

  const name = page.getByLabel("Group name");
  await name.fill("HELPDESK");
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(name).toHaveAccessibleDescription(/A group named “Helpdesk” already exists\./);
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveValue("HELPDESK"); // what was typed stays, to be corrected
  await expectAccessible(page);

  await row(page, "Sales").getByRole("button", { name: "Edit Sales" }).click();
  const rename = page.getByLabel("New name for Sales");
  await rename.fill("helpdesk");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(rename).toHaveAccessibleDescription("A group named “Helpdesk” already exists.");
  await expect(rename).toHaveValue("helpdesk");
  await expect(table(page).getByRole("rowheader")).toHaveCount(2);
  await expect(table(page).getByRole("rowheader").first()).toHaveText("Helpdesk");
  expect(await db.userGroup.count({ where: { accountId: account.id } })).toBe(2);
});

test("support staff see the groups and their members but no controls", async ({ page, db, account, signIn }) => {
  await groupWith(db, account.id, "Helpdesk", [account.users.MEMBER.id]);
  await signIn(account.users.SUPPORT_STAFF.email);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Groups" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
  await expect(memberCount(page, "Helpdesk")).toHaveText("1");
  await expect(page.getByText("Only admins and the account holder can create, rename or delete groups.")).toBeVisible();
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
  await expect(page.getByRole("columnheader", { name: "Actions" })).toHaveCount(0);
  await expectAccessible(page);
});

test("members have no groups page, even by URL", async ({ page, account, signIn }) => {
  await signIn(account.users.MEMBER.email);
  expect((await page.goto("/people/groups"))?.status()).toBe(404);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an admin still creates and deletes a group, through the confirm step", async ({ page, db, account, signIn }) => {
    await groupWith(db, account.id, "Night shift", [account.users.MEMBER.id]);
    await signIn(account.users.ADMIN.email);
    await page.goto("/people/groups");

    await page.getByLabel("Group name").fill("Day shift");
    await page.getByRole("button", { name: "Create group" }).click();
    await expect(table(page).getByRole("rowheader")).toHaveText(["Day shift", "Night shift"]);

    // Edit asks the page for the row's rename form; Cancel returns.
    await row(page, "Day shift").getByRole("button", { name: "Edit Day shift" }).click();
    await expect(page).toHaveURL(/\?rename=/);
    await page.getByRole("link", { name: "Cancel" }).click();
    await expect(page.getByLabel("New name for Day shift")).toHaveCount(0);
    await row(page, "Day shift").getByRole("button", { name: "Edit Day shift" }).click();
    await page.getByLabel("New name for Day shift").fill("Early shift");
    await page.getByRole("button", { name: "Rename" }).click();
    await expect(table(page).getByRole("rowheader")).toHaveText(["Early shift", "Night shift"]);

    await row(page, "Night shift").getByRole("button", { name: "Delete", exact: true }).click();
    await expect(page).toHaveURL(/\?delete=/);
    const dialog = page.getByRole("dialog", { name: "Delete the group “Night shift”?" });
    await expect(dialog).toContainText("Its 1 member is kept and becomes ungrouped.");
    await dialog.getByRole("button", { name: "Delete group" }).click();
    await expect(table(page).getByRole("rowheader")).toHaveText(["Early shift"]);
    expect((await db.user.findUniqueOrThrow({ where: { id: account.users.MEMBER.id } })).groupId).toBeNull();
  });
});

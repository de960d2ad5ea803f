import type { Page } from "@playwright/test";
import { userKeys } from "../../lib/users/search-key";
import { expect, expectAccessible, test } from "./fixtures";

/** Adds `count` members named "Pat Page NN" (for paging) to the account. */
async function addMembers(db: import("../../lib/generated/prisma/client").PrismaClient, accountId: string, count: number) {
  const tag = accountId.slice(0, 8);
  await db.user.createMany({
    data: Array.from({ length: count }, (_, i) => {
      const user = { firstName: "Pat", lastName: `Page ${String(i).padStart(2, "0")}`, email: `pat${i}-${tag}@e2e.example` };
      return { ...user, ...userKeys(user), accountId, status: "ACTIVE" as const };
    }),
  });
}

const table = (page: Page) => page.getByRole("table", { name: "Users" });

test("an admin searches, filters and pages through users", async ({ page, db, account, signIn }) => {
  await addMembers(db, account.id, 60);
  await signIn(account.users.ADMIN.email);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Users" }).click();
  // The home page has a "64 users" heading too: wait for the list's own page and heading.
  await expect(page).toHaveURL(/\/people\/users$/);
  await expect(page.getByRole("heading", { level: 1, name: "Users", exact: true })).toBeVisible();
  // The count sits right under the heading.
  await expect(page.getByRole("heading", { level: 1, name: "Users" }).locator("xpath=following-sibling::p[1]")).toHaveText("64 users");
  await expectAccessible(page);

  // Page 1 of 2, then 2, then back.
  await expect(table(page).getByRole("row")).toHaveCount(51);
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(table(page).getByRole("row")).toHaveCount(15);
  await page.getByRole("link", { name: "Previous page" }).click();
  await expect(table(page).getByRole("row")).toHaveCount(51);
  await expect(page.getByRole("link", { name: "Previous page" })).toHaveCount(0);

  // Accent- and case-insensitive search, kept in the URL.
  await page.getByLabel("Search users").fill("MILO");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=MILO/);
  await expect(table(page).getByRole("row")).toHaveCount(2);
  await expect(table(page)).toContainText(account.users.MEMBER.email);

  await page.goto("/people/users?role=SUPPORT_STAFF");
  await expect(page.getByLabel("Account role")).toHaveValue("SUPPORT_STAFF");
  await expect(table(page).getByRole("row")).toHaveCount(2);
  await expect(table(page)).toContainText("Sol Tester");

  await page.goto("/people/users?q=nobody-matches-this");
  await expect(page.getByText("No users match your search and filters.")).toBeVisible();
  await expectAccessible(page);
});

test("an admin opens a user and edits the profile", async ({ page, account, signIn }) => {
  await signIn(account.users.ADMIN.email);
  await page.goto("/people/users");
  await table(page).getByRole("link", { name: "Milo Tester" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Milo Tester" })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Profile" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription("Email can't be changed.");
  await expectAccessible(page);

  await page.getByLabel("First name").fill("Mila");
  await page.getByRole("combobox", { name: "Time zone" }).fill("lisbon");
  await page.getByRole("option", { name: /^Europe\/Lisbon UTC/ }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Changes saved.");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Mila Tester" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Time zone" })).toHaveValue(/^Europe\/Lisbon UTC/);

  await page.getByRole("tab", { name: "Activity" }).click();
  await expect(page.getByRole("tabpanel")).toContainText("updated the profile of Mila Tester");
  await expect(page.getByRole("tabpanel")).toContainText("First name: Milo → Mila");
  await expectAccessible(page);
});

test("an admin changes roles, suspends and deletes users in bulk, with confirmations", async ({ page, db, account, signIn }) => {
  await signIn(account.users.ADMIN.email);
  await page.goto("/people/users");
  await page.getByRole("checkbox", { name: "Select Milo Tester" }).check();
  await page.getByRole("checkbox", { name: "Select Sol Tester" }).check();
  const bar = page.getByRole("toolbar", { name: "Bulk actions" });
  await expect(bar).toContainText("2 users selected");

  await bar.getByRole("button", { name: "Change role" }).click();
  const dialog = page.getByRole("dialog", { name: "Change role" });
  await expect(dialog).toContainText("Change the account role of 2 users.");
  await expectAccessible(page);
  await dialog.getByLabel("New role").selectOption({ label: "Admin" });
  await dialog.getByRole("button", { name: "Change role of 2 users" }).click();
  await expect(page.getByRole("status")).toHaveText("Role changed for 2 users.");
  await expect(table(page).getByRole("row", { name: /Milo Tester/ })).toContainText("Admin");

  await page.getByRole("checkbox", { name: "Select Milo Tester" }).check();
  await bar.getByRole("button", { name: "Suspend" }).click();
  await expect(page.getByRole("dialog", { name: "Suspend" })).toContainText("Suspend 1 user? They are signed out at once");
  await page.getByRole("dialog").getByRole("button", { name: "Suspend 1 user" }).click();
  await expect(page.getByRole("status")).toHaveText("1 user suspended.");
  await expect(table(page).getByRole("row", { name: /Milo Tester/ })).toContainText("Suspended");

  // Cancel leaves everything as it was.
  await page.getByRole("checkbox", { name: "Select Sol Tester" }).check();
  await bar.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  expect(await db.user.count({ where: { id: account.users.SUPPORT_STAFF.id } })).toBe(1);

  await bar.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("dialog", { name: "Delete" })).toContainText("Delete 1 user? Their licences are freed.");
  await page.getByRole("dialog").getByRole("button", { name: "Delete 1 user" }).click();
  await expect(page.getByRole("status")).toHaveText("1 user deleted.");
  await expect(table(page).getByRole("row", { name: /Sol Tester/ })).toHaveCount(0);
  expect(await db.user.count({ where: { id: account.users.SUPPORT_STAFF.id } })).toBe(0);
});

test("select all matching users across pages: the change runs as a job whose progress the page shows", async ({ page, db, account, signIn }) => {
  await addMembers(db, account.id, 300);
  await signIn(account.users.ACCOUNT_HOLDER.email);
  await page.goto("/people/users?q=pat");
  await page.getByRole("checkbox", { name: "Select all users on this page" }).check();
  await page.getByRole("button", { name: "Select all 300 matching users" }).click();
  await expect(page.getByRole("toolbar", { name: "Bulk actions" })).toContainText("300 users selected");
  await page.getByRole("toolbar").getByRole("button", { name: "Change role" }).click();
  await page.getByRole("dialog").getByLabel("New role").selectOption({ label: "Support staff" });
  await page.getByRole("dialog").getByRole("button", { name: "Change role of 300 users" }).click();
  await expect(page.getByText("Started for 300 users. Its progress is shown above the list.").first()).toBeVisible();

  // The banner: a progress bar while it runs (until the queue's worker has been through every chunk)…
  const banner = page.getByRole("region", { name: "Bulk action" });
  await expect(banner.getByRole("progressbar", { name: "Bulk action progress" })).toHaveAttribute("aria-valuemax", "300");
  await expectAccessible(page);
  // …then what it did, and the list as it is now, without reloading the page.
  await expect(banner.getByRole("status")).toHaveText("Role changed for 300 users.");
  await expect(table(page).getByRole("row").nth(1)).toContainText("Support staff");
  expect(await db.user.count({ where: { accountId: account.id, role: "SUPPORT_STAFF" } })).toBe(301);
  expect(await db.auditEvent.count({ where: { accountId: account.id, action: "user.role.change" } })).toBe(300);
});

test("support staff read users but get no edit controls, and the server refuses their edits anyway", async ({ page, db, account, signIn }) => {
  await signIn(account.users.SUPPORT_STAFF.email);
  await page.goto("/people/users");
  await expect(table(page)).toContainText("Milo Tester");
  // Their one bulk action is Resend invitation, offered for invited users only.
  await page.getByRole("checkbox", { name: "Select Milo Tester" }).check();
  await expect(page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button")).toHaveText(["Clear selection"]);
  await expect(page.getByRole("toolbar", { name: "Bulk actions" })).toContainText("None of the actions applies to the selected users.");
  await page.getByRole("checkbox", { name: "Select Milo Tester" }).uncheck();
  await db.user.update({ where: { id: account.users.MEMBER.id }, data: { status: "INVITED" } });
  await page.reload();
  await page.getByRole("checkbox", { name: "Select Milo Tester" }).check();
  await expect(page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button")).toHaveText(["Resend invitation", "Clear selection"]);
  await table(page).getByRole("link", { name: "Milo Tester" }).click();
  await expect(page.getByLabel("First name")).toHaveAttribute("readonly", "");
  await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  await expectAccessible(page);

  // Forcing the form open in the browser still meets the server's refusal.
  await page.evaluate(() => {
    const form = document.querySelector('input[name="firstName"]')!.closest("form")!;
    for (const el of form.querySelectorAll("input, select")) {
      el.removeAttribute("readonly");
      el.removeAttribute("disabled");
    }
    (form.querySelector('input[name="firstName"]') as HTMLInputElement).value = "Hacked";
    form.requestSubmit();
  });
  await expect(page.getByRole("alert").filter({ hasText: "Your role doesn't allow this." })).toBeVisible();
  expect((await db.user.findUniqueOrThrow({ where: { id: account.users.MEMBER.id } })).firstName).toBe("Milo");
});

test("members have no People pages, even by URL", async ({ page, account, signIn }) => {
  await signIn(account.users.MEMBER.email);
  for (const url of ["/people/users", `/people/users/${account.users.ADMIN.id}`]) {
    expect((await page.goto(url))?.status()).toBe(404);
  }
});

test("Export CSV downloads the users the list shows with its filters, every page of them", async ({ page, db, account, signIn }) => {
  await addMembers(db, account.id, 60);
  await signIn(account.users.ADMIN.email);
  await page.goto("/people/users?q=pat+page");
  await expect(page.getByText("60 users")).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^users-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await import("node:fs/promises").then((fs) => download.path().then((p) => fs.readFile(p)));
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines[0]).toBe("First name,Last name,Email,Account role,Status,Products,User group,Date added,Two-step");
  expect(lines).toHaveLength(61); // all 60 matches, not the 50 of the first page
  expect(lines.slice(1).every((line) => line.startsWith("Pat,"))).toBe(true);
});

import Papa from "papaparse";
import { expect, expectAccessible, test } from "./fixtures";

test("an admin filters the audit log by action and actor and exports what it shows", async ({ page, db, account, signIn }) => {
  const { ADMIN, ACCOUNT_HOLDER, MEMBER } = account.users;
  await db.auditEvent.createMany({
    data: [
      { action: "user.role.change", actorId: ADMIN.id, targetType: "user", targetId: MEMBER.id, before: { role: "MEMBER" }, after: { role: "ADMIN" }, createdAt: new Date("2026-03-09T10:00:00Z") },
      { action: "user.suspend", actorId: ACCOUNT_HOLDER.id, targetType: "user", targetId: MEMBER.id, createdAt: new Date("2026-03-10T10:00:00Z") },
      { action: "group.create", actorId: ADMIN.id, targetType: "group", targetId: "=1+1", after: { name: "Helpdesk" }, createdAt: new Date("2026-03-11T10:00:00Z") },
      { action: "import.reflect", actorId: null, targetType: "import", createdAt: new Date("2026-03-12T10:00:00Z") },
    ].map((e) => ({ ...e, accountId: account.id })),
  });
  const rows = page.getByRole("table", { name: "Audit log" }).getByRole("row");

  await signIn(ADMIN.email);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(rows).toHaveCount(6); // header + 4 + the admin's own sign-in, just now
  await expect(rows.nth(1)).toContainText("Signed in");
  await expectAccessible(page);

  // By action, chosen by its readable name.
  await page.getByLabel("Action").selectOption({ label: "Role changed" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]action=user\.role\.change/);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("Role changed");
  await expect(rows.nth(1)).toContainText(`Milo Tester (${MEMBER.email})`);

  // Adding the account holder as actor: nothing matches both; the empty state offers to clear.
  await page.getByLabel("Actor").selectOption({ label: `Hana Tester (${ACCOUNT_HOLDER.email})` });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No events match these filters.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/settings\/audit-log$/);
  await expect(rows).toHaveCount(6);

  // By actor alone, then export: the file holds exactly what the filtered log shows.
  await page.getByLabel("Actor").selectOption({ label: `Ada Tester (${ADMIN.email})` });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]actor=${ADMIN.id}`));
  await expect(rows).toHaveCount(4); // their sign-in, the group, the role change
  await expect(page.getByLabel("Actor")).toHaveValue(ADMIN.id);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await import("node:fs/promises").then((fs) => download.path().then((p) => fs.readFile(p)));
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...exported] = Papa.parse<string[]>(bytes.toString("utf8").replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
  expect(header).toEqual(["Time", "Actor", "Actor email", "Action", "Action code", "Target type", "Target id", "Target user", "Before", "After"]);
  expect(exported.map((r) => [r[1], r[4]])).toEqual([["Ada Tester", "auth.signIn"], ["Ada Tester", "group.create"], ["Ada Tester", "user.role.change"]]);
  expect(exported[1][6]).toBe("'=1+1");
  expect(exported[2].slice(7)).toEqual([`Milo Tester <${MEMBER.email}>`, '{"role":"MEMBER"}', '{"role":"ADMIN"}']);
});

test("support staff get a 404 for the audit log and its export", async ({ page, account, signIn }) => {
  await signIn(account.users.SUPPORT_STAFF.email);
  expect((await page.goto("/settings/audit-log"))?.status()).toBe(404);
  expect((await page.request.get("/settings/audit-log/export")).status()).toBe(404);
});

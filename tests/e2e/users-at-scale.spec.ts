import type { Page } from "@playwright/test";
import { seedBulkUsers } from "../../lib/seed/bulk";
/** lib/users/counts.ts COUNT_CAP (a server-only module). */
const COUNT_CAP = 10_000;
import { expect, expectAccessible, test } from "./fixtures";

// An account past the count cap (decision 0028): the home page, the list and the groups page show
// the counters' exact numbers; a search matching more than 10,000 users says "10,000+".

const countLine = (page: Page) => page.getByRole("heading", { level: 1, name: "Users" }).locator("xpath=following-sibling::p[1]");
const n = (value: number) => value.toLocaleString("en");

test("counts at 10,000 users and beyond: exact from the counters, capped for a search", async ({ page, db, account, signIn }) => {
  test.setTimeout(120_000);
  await seedBulkUsers(db as never, { accountId: account.id, users: COUNT_CAP + 20, seed: 28 });
  const total = await db.user.count({ where: { accountId: account.id } });
  const suspended = await db.user.count({ where: { accountId: account.id, status: "SUSPENDED" } });
  const [group] = await db.userGroup.findMany({ where: { accountId: account.id }, orderBy: { name: "asc" }, take: 1 });
  const inGroup = await db.user.count({ where: { accountId: account.id, groupId: group.id } });

  await signIn(account.users.ADMIN.email);
  await expect(page.getByRole("heading", { level: 2, name: `${n(total)} users` })).toBeVisible();
  const statusCard = page.getByRole("term").filter({ hasText: "Suspended" }).locator("xpath=following-sibling::dd[1]");
  await expect(statusCard).toHaveText(n(suspended));
  await expectAccessible(page);

  await page.goto("/people/users");
  await expect(countLine(page)).toHaveText(`${n(total)} users`);
  await page.goto(`/people/users?status=SUSPENDED`);
  await expect(countLine(page)).toHaveText(`${n(suspended)} users`);
  // Every bulk user's address ends in @bulk.example: more matches than the cap.
  await page.goto(`/people/users?q=${encodeURIComponent("bulk.example")}`);
  await expect(countLine(page)).toHaveText(`${n(COUNT_CAP)}+ users`);
  await expect(page.getByRole("table", { name: "Users" }).getByRole("row")).toHaveCount(51);
  await expectAccessible(page);

  await page.goto("/people/groups");
  const row = page.getByRole("table", { name: "Groups" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: group.name, exact: true }) });
  await expect(row.getByRole("cell").first()).toHaveText(n(inGroup));
});

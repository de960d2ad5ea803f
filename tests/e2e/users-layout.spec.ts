import type { Locator, Page } from "@playwright/test";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { userKeys } from "../../lib/users/search-key";
import { expect, expectAccessible, setUserLocale, test } from "./fixtures";

const LONG = { firstName: "Maximiliana-Alexandrina", lastName: "Wolfeschlegelsteinhausenbergerdorff-Vanderberghe" };
const LONG_NAME = `${LONG.firstName} ${LONG.lastName}`;

/** The long-name user, with both products (so the Products column has something to summarise). */
async function addLongNameUser(db: PrismaClient, accountId: string) {
  const email = `maximiliana.alexandrina.wolfeschlegelsteinhausenbergerdorff-${accountId.slice(0, 8)}@very-long-subdomain.example-company.e2e.example`;
  const user = await db.user.create({ data: { ...LONG, email, ...userKeys({ ...LONG, email }), accountId, status: "ACTIVE" } });
  const subscriptions = await db.subscription.findMany({ where: { accountId } });
  await db.licenceAssignment.createMany({ data: subscriptions.map((s) => ({ accountId, subscriptionId: s.id, userId: user.id })) });
  return { ...user, email };
}

/** True when the page is no wider than the window; else the elements that stick out, to say what broke it. */
const noWiderThanViewport = (page: Page) =>
  page.evaluate(() => {
    if (document.documentElement.scrollWidth <= window.innerWidth) return true;
    const out = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1);
    return out.filter((el) => !out.includes(el.parentElement!)).slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 80)} right=${Math.round(el.getBoundingClientRect().right)}`).join("\n");
  });

async function expectInViewport(page: Page, locator: Locator) {
  await expect(locator).toBeVisible();
  const box = (await locator.boundingBox())!;
  const { width } = page.viewportSize()!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
}

const LABELS = {
  en: { addUser: "Add user", apply: "Apply", more: "More actions for", select: "Select", bulk: "Bulk actions", table: "Users" },
  de: { addUser: "Benutzer hinzufügen", apply: "Anwenden", more: "Weitere Aktionen für", select: "auswählen", bulk: "Massenaktionen", table: "Benutzer" },
} as const;

for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
  for (const locale of ["en", "de"] as const) {
    test(`a very long name keeps the users list within ${viewport.width} px (${locale})`, async ({ page, db, account, signIn }) => {
      const labels = LABELS[locale];
      await addLongNameUser(db, account.id);
      await setUserLocale(db, account.users.ADMIN.id, locale);
      await page.setViewportSize(viewport);
      await signIn(account.users.ADMIN.email);
      await page.goto("/people/users");

      const table = page.getByRole("table", { name: labels.table, exact: true });
      const row = table.getByRole("row").filter({ hasText: LONG.firstName });
      await expect(row).toBeVisible();
      expect(await noWiderThanViewport(page)).toBe(true);
      await expectInViewport(page, page.getByRole("link", { name: labels.addUser }));
      await expectInViewport(page, page.getByRole("button", { name: labels.apply }));

      // The name is cut with an ellipsis, whole on hover; the products are one summarised line.
      const name = row.getByRole("link", { name: LONG_NAME });
      await expect(name).toHaveAttribute("title", LONG_NAME);
      expect(await name.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      const products = row.getByTitle(/LogMeIn Central, Remote Support|Remote Support, LogMeIn Central/);
      await expect(products).toContainText("+1");
      expect((await products.boundingBox())!.height).toBeLessThan(30);
      // The email wraps after the @ and before dots, not inside words.
      expect(await row.locator("wbr").count()).toBeGreaterThan(2);

      // Selecting the row shows the bulk bar inside the page.
      await page.getByRole("checkbox", { name: new RegExp(`${labels.select}.*${LONG.firstName}|${LONG.firstName}.*${labels.select}`) }).check();
      const bar = page.getByRole("toolbar", { name: labels.bulk });
      await expectInViewport(page, bar);
      expect(await noWiderThanViewport(page)).toBe(true);

      // The More menu opens whole, inside the viewport.
      await row.getByRole("button", { name: `${labels.more} ${LONG_NAME}` }).click();
      const menu = page.getByRole("menu");
      await expectInViewport(page, menu);
      await page.keyboard.press("Escape");
      await expect(menu).toBeHidden();
      expect(await noWiderThanViewport(page)).toBe(true);
      await expectAccessible(page);
    });
  }
}

test("on a phone the name column stays in view while the users table scrolls in its own region", async ({ page, db, account, signIn }) => {
  await addLongNameUser(db, account.id);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(account.users.ADMIN.email);
  await page.goto("/people/users");
  const region = page.getByRole("region", { name: "Users table" });
  await expect(region).toBeVisible();
  const name = page.getByRole("link", { name: "Milo Tester" });
  const before = (await name.boundingBox())!.x;
  await region.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
  await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  expect(Math.abs((await name.boundingBox())!.x - before)).toBeLessThan(2);
  expect(await noWiderThanViewport(page)).toBe(true);
});

test("the row More menu: arrow keys move, Escape closes it and returns to its button, a row takes two Tab stops", async ({ page, account, signIn }) => {
  await signIn(account.users.ADMIN.email);
  await page.goto("/people/users");
  const row = page.getByRole("table", { name: "Users" }).getByRole("row").filter({ hasText: "Milo Tester" });
  const name = row.getByRole("link", { name: "Milo Tester" });
  const more = row.getByRole("button", { name: "More actions for Milo Tester" });
  const select = row.getByRole("checkbox", { name: "Select Milo Tester" });

  // Tab: name, then More; the checkbox is reached with the arrow keys.
  await name.focus();
  await page.keyboard.press("Tab");
  await expect(more).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(name).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(select).toBeFocused();
  await page.keyboard.press("Space");
  await expect(select).toBeChecked();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(more).toBeFocused();

  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu");
  await expect(menu).toBeVisible();
  await expect(menu.getByRole("menuitem")).toContainText(["Add products", "Remove products", "Edit capabilities", "Change role", "Change group", "Suspend", "Delete"]);
  await expect(menu.getByRole("menuitem", { name: "Reactivate" })).toHaveCount(0);
  await expect(menu.getByRole("menuitem", { name: "Resend invitation" })).toHaveCount(0);
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem").nth(1)).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(more).toBeFocused();
  await expect(more).toHaveAttribute("aria-expanded", "false");

  // ArrowDown opens it on its first item too; End, ArrowUp, Home and a letter move; Tab closes it and moves on.
  const items = menu.getByRole("menuitem");
  await page.keyboard.press("ArrowDown");
  await expect(more).toHaveAttribute("aria-expanded", "true");
  await expect(items.first()).toBeFocused();
  await page.keyboard.press("End");
  await expect(items.last()).toHaveText("Delete");
  await expect(items.last()).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(menu.getByRole("menuitem", { name: "Suspend" })).toBeFocused();
  await page.keyboard.press("Home");
  await expect(items.first()).toBeFocused();
  await page.keyboard.press("c");
  await expect(menu.getByRole("menuitem", { name: "Change role" })).toBeFocused();
  await page.keyboard.press("c");
  await expect(menu.getByRole("menuitem", { name: "Change group" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(menu).toBeHidden();
  await expect(more).not.toBeFocused();

  // A click outside closes it.
  await more.click();
  await expect(menu).toBeVisible();
  await page.getByRole("heading", { level: 1 }).click();
  await expect(menu).toBeHidden();

  // Enter on an item runs it; closing its dialog comes back to the More button.
  await more.focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "Remove products" })).toBeFocused();
  await page.keyboard.press("Enter");
  const removeDialog = page.getByRole("dialog", { name: "Remove products from Milo Tester" });
  await expect(removeDialog).toBeVisible();
  await expect(menu).toBeHidden();
  await page.keyboard.press("Escape");
  await expect(removeDialog).toBeHidden();
  await expect(more).toBeFocused();

  // Add products for one row: the dialog names the user, centred and usable at phone width.
  await page.setViewportSize({ width: 390, height: 844 });
  await more.click();
  await page.getByRole("menuitem", { name: "Add products" }).click();
  const dialog = page.getByRole("dialog", { name: "Add products to Milo Tester" });
  await expect(dialog).toBeVisible();
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThan(0);
  expect(box.x + box.width).toBeLessThan(390);
  await expectAccessible(page);
});

test("bulk actions are offered only when they apply to the selected users", async ({ page, db, account, signIn }) => {
  await db.user.update({ where: { id: account.users.MEMBER.id }, data: { status: "SUSPENDED" } });
  await db.user.update({ where: { id: account.users.SUPPORT_STAFF.id }, data: { status: "INVITED", passwordHash: null } });
  await signIn(account.users.ADMIN.email);
  await page.goto("/people/users");
  const bar = page.getByRole("toolbar", { name: "Bulk actions" });
  await expect(page.getByRole("table", { name: "Users" }).getByRole("row", { name: /Milo Tester/ })).toContainText("Suspended");

  // One suspended user: Reactivate, no Suspend, no Resend invitation.
  await page.getByRole("checkbox", { name: "Select Milo Tester" }).check();
  await expect(bar.getByRole("button", { name: "Reactivate" })).toBeVisible();
  await expect(bar.getByRole("button", { name: "Suspend" })).toHaveCount(0);
  await expect(bar.getByRole("button", { name: "Resend invitation" })).toHaveCount(0);

  // With an invited user too: Resend invitation and Suspend come in.
  await page.getByRole("checkbox", { name: "Select Sol Tester" }).check();
  await expect(bar.getByRole("button", { name: "Resend invitation" })).toBeVisible();
  await expect(bar.getByRole("button", { name: "Suspend" })).toBeVisible();

  // An active user alone: no Reactivate.
  await bar.getByRole("button", { name: "Clear selection" }).click();
  await page.getByRole("checkbox", { name: "Select Hana Tester" }).check();
  await expect(bar.getByRole("button", { name: "Suspend" })).toBeVisible();
  await expect(bar.getByRole("button", { name: "Reactivate" })).toHaveCount(0);

  // Reactivating: a toast and the inline status.
  await bar.getByRole("button", { name: "Clear selection" }).click();
  await page.getByRole("checkbox", { name: "Select Milo Tester" }).check();
  await bar.getByRole("button", { name: "Reactivate" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Reactivate 1 user" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 user reactivated." })).toBeVisible();
  await expect(page.getByRole("region", { name: /Notifications/ }).getByText("1 user reactivated.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Users" }).getByRole("row", { name: /Milo Tester/ })).toContainText("Active");
});

test("search as you type: the list and the address follow the search box without reloading the page", async ({ page, account, signIn }) => {
  await signIn(account.users.ADMIN.email);
  await page.goto("/people/users");
  await page.evaluate(() => { (window as unknown as { marker: string }).marker = "still here"; });
  const table = page.getByRole("table", { name: "Users" });

  await page.getByLabel("Search users").pressSequentially("sol", { delay: 50 });
  await expect(page).toHaveURL(/\?q=sol$/);
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText("Sol Tester");
  await expect(page.getByLabel("Search users")).toBeFocused();
  await expect(page.getByLabel("Search users")).toHaveValue("sol");

  // A filter applies on change and keeps the search.
  await page.getByLabel("Search users").fill("tester");
  await expect(page).toHaveURL(/\?q=tester$/);
  await page.getByLabel("Account role").selectOption("MEMBER");
  await expect(page).toHaveURL(/q=tester/);
  await expect(page).toHaveURL(/role=MEMBER/);
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText("Milo Tester");
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("still here");

  // Clear resets the fields too.
  await page.getByRole("link", { name: "Clear search and filters" }).click();
  await expect(page).toHaveURL(/\/people\/users$/);
  await expect(page.getByLabel("Search users")).toHaveValue("");
  await expect(page.getByLabel("Account role")).toHaveValue("");
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("still here");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the search form still works with its Apply button", async ({ page, account, signIn }) => {
    await signIn(account.users.ADMIN.email);
    await page.goto("/people/users");
    await page.getByLabel("Search users").fill("milo");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/\?q=milo(&|$)/); // the browser's own GET also sends the empty filters
    await expect(page.getByRole("table", { name: "Users" }).getByRole("row")).toHaveCount(2);
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the long-name user's page and the groups page fit the screen", async ({ page, db, account, signIn }) => {
    const user = await addLongNameUser(db, account.id);
    await db.userGroup.create({ data: { accountId: account.id, name: "Wolfeschlegelsteinhausenbergerdorff-Vanderberghe field engineers" } });
    await signIn(account.users.ADMIN.email);
    for (const tab of ["", "?tab=products", "?tab=settings"]) {
      await page.goto(`/people/users/${user.id}${tab}`);
      await expect(page.getByRole("heading", { level: 1, name: LONG_NAME })).toBeVisible();
      await expect(page.getByRole("tabpanel")).toBeVisible();
      expect(await noWiderThanViewport(page)).toBe(true);
    }
    // The status is a badge with its text.
    await expect(page.getByRole("main").locator("header").getByText("Active", { exact: true })).toBeVisible();

    await page.goto("/people/groups");
    await expect(page.getByRole("table", { name: "Groups" })).toBeVisible();
    expect(await noWiderThanViewport(page)).toBe(true);
    await page.getByRole("button", { name: /^Edit Wolfeschlegel/ }).click();
    await expect(page.getByLabel(/^New name for Wolfeschlegel/)).toBeFocused();
    expect(await noWiderThanViewport(page)).toBe(true);
    await expectAccessible(page);
    await page.goto(`/people/users/${user.id}?tab=settings`);
    await expectAccessible(page);
  });
});

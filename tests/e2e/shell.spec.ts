import { expect, expectAccessible, test } from "./fixtures";

const pageIsNoWiderThanViewport = (page: import("@playwright/test").Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the navigation is a drawer behind a menu button, and the page is never wider than the screen", async ({ page, account, signIn }) => {
    await signIn(account.users.ADMIN.email);
    await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeHidden();
    expect(await pageIsNoWiderThanViewport(page)).toBe(true);

    await page.getByRole("button", { name: "Open navigation" }).click();
    const drawer = page.getByRole("dialog", { name: "Central Admin" });
    await expect(drawer).toBeVisible();
    await expect(drawer.getByRole("link")).toHaveText(["Home", "Users", "Groups", "Email templates", "Outbox", "Audit log", "API tokens", "Provisioning"]);
    const box = await drawer.boundingBox();
    expect(box!.x).toBe(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await expectAccessible(page);

    await page.keyboard.press("Escape");
    await expect(drawer).toBeHidden();
    await expect(page.getByRole("button", { name: "Open navigation" })).toBeFocused();

    await page.getByRole("button", { name: "Open navigation" }).click();
    await drawer.getByRole("link", { name: "Groups" }).click();
    await expect(page).toHaveURL(/\/people\/groups$/);
    await expect(drawer).toBeHidden();
  });

  test("a confirmation dialog opens centred on the screen", async ({ page, db, account, signIn }) => {
    await db.userGroup.create({ data: { accountId: account.id, name: "Field engineers" } });
    await signIn(account.users.ADMIN.email);
    await page.goto("/people/groups");
    await page.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete the group “Field engineers”?" });
    await expect(dialog).toBeVisible();
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(Math.abs(box.x - (390 - box.x - box.width))).toBeLessThanOrEqual(1);
  });
});

test("the account menu closes on Escape (focus back on it) and on a click outside", async ({ page, account, signIn }) => {
  await signIn(account.users.MEMBER.email);
  const menu = page.getByRole("banner").locator("details");
  const button = page.getByRole("button", { name: "Account menu: Milo Tester" }).or(page.locator("summary", { hasText: "Milo Tester" }));
  await button.click();
  await expect(menu.getByRole("link", { name: "My profile" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(menu.getByRole("link", { name: "My profile" })).toBeHidden();
  await expect(menu.locator("summary")).toBeFocused();

  await button.click();
  await expect(menu.getByRole("link", { name: "My profile" })).toBeVisible();
  await page.getByRole("heading", { name: "Welcome, Milo" }).click();
  await expect(menu.getByRole("link", { name: "My profile" })).toBeHidden();
});

test("the theme follows the system, and the account menu's switch keeps a choice across visits", async ({ page, account, signIn }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await signIn(account.users.ADMIN.email);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const dark = await background();
  await expectAccessible(page);

  await page.emulateMedia({ colorScheme: "light" });
  const light = await background();
  expect(light).not.toBe(dark);

  await page.locator("summary", { hasText: "Ada Tester" }).click();
  await page.getByRole("group", { name: "Theme" }).getByText("Dark").click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await background()).toBe(dark);
  await expect.poll(async () => (await page.context().cookies()).find((c) => c.name === "theme")?.value).toBe("dark");

  await page.goto("/people/users");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark"); // rendered by the server: no flash
  expect(await background()).toBe(dark);
  await expectAccessible(page);

  await page.locator("summary", { hasText: "Ada Tester" }).click();
  await page.getByRole("group", { name: "Theme" }).getByText("System").click();
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /.+/);
  expect(await background()).toBe(light);
});

test("a slow page shows a progress bar from the click until it arrives", async ({ page, account, signIn }) => {
  await signIn(account.users.ADMIN.email);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/people/groups**", async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Groups" }).click();
  await expect(page.getByRole("progressbar", { name: "Loading the page" })).toBeVisible();
  release();
  await expect(page.getByRole("heading", { name: "Groups", level: 1 })).toBeVisible();
  await expect(page.getByRole("progressbar")).toHaveCount(0);
});

test("the app has a favicon and an app icon", async ({ request }) => {
  for (const [path, type] of [["/favicon.ico", "image/x-icon"], ["/icon.svg", "image/svg+xml"], ["/apple-icon.png", "image/png"]]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toContain(type);
  }
});

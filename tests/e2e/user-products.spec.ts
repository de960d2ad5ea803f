import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";
import { toastsGone } from "./support/toasts";

const SWITCHES = ["Unattended access and installers", "File management", "Remote control"] as const;
const CHAT_NOTE = "Remote control is off: the technician can still chat with the customer.";

const productRow = (page: Page, name: string) => page.getByRole("table", { name: "Products of this user" }).getByRole("row", { name: new RegExp(name) });
const switchOf = (page: Page, name: string) => page.getByRole("switch", { name, exact: true });

async function openTab(page: Page, name: "Products" | "My settings" | "Activity" | "Profile") {
  await page.getByRole("tab", { name }).click();
  await expect(page.getByRole("tab", { name })).toHaveAttribute("aria-selected", "true");
}

test("an admin adds Remote Support to a user, sets the capabilities, then removes it", async ({ page, db, account, signIn }) => {
  const milo = account.users.MEMBER;
  await signIn(account.users.ADMIN.email);
  await page.goto(`/people/users/${milo.id}`);
  await expect(page.getByRole("tab")).toHaveText(["Profile", "Products", "My settings", "Activity"]);

  // Without Remote Support the capabilities are shown off (whatever is stored) and can't be changed.
  await openTab(page, "My settings");
  await expect(page).toHaveURL(/\?tab=settings$/);
  await expect(page.getByRole("tabpanel")).toContainText("Available with Remote Support.");
  for (const name of SWITCHES) {
    await expect(switchOf(page, name)).toBeDisabled();
    await expect(switchOf(page, name)).toHaveAttribute("aria-checked", "false");
  }
  await expectAccessible(page);
  // The hint's button opens Add products for this user with Remote Support chosen; Cancel leaves it.
  await page.getByRole("tabpanel").getByRole("button", { name: "Add Remote Support" }).click();
  const dialog = page.getByRole("dialog", { name: "Add products to Milo Tester" });
  await expect(dialog.getByLabel("Product", { exact: true })).toHaveValue("remote-support");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  await openTab(page, "Products");
  await expect(productRow(page, "LogMeIn Central")).toContainText("Assigned");
  await expect(productRow(page, "LogMeIn Central")).toContainText("4 of 5 seats left");
  await expect(productRow(page, "Remote Support")).toContainText("Not assigned");
  await expect(productRow(page, "Remote Support")).toContainText("3 of 3 seats left");
  await expect(page.getByLabel("Send product change notification email")).toBeChecked();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Add Remote Support" }).click();
  await expect(page.getByRole("status")).toHaveText("Remote Support added for this user.");
  await expect(productRow(page, "Remote Support")).toContainText("2 of 3 seats left");
  await expect(productRow(page, "Remote Support").getByRole("cell", { name: "Assigned", exact: true })).toBeVisible();
  const emails = await db.outboxEmail.findMany({ where: { accountId: account.id }, select: { recipient: true, kind: true } });
  expect(emails).toEqual([{ recipient: milo.email, kind: "productChange" }]);

  // Each switch saves at once; the page shows what was stored.
  await openTab(page, "My settings");
  await expect(page.getByRole("tabpanel")).not.toContainText("Available with Remote Support.");
  await expect(switchOf(page, "Unattended access and installers")).toHaveAccessibleDescription("Deploy an applet to a device to reach it even when nobody is there.");
  await expect(switchOf(page, "File management")).toHaveAccessibleDescription("View file details and work with files and folders on the remote device. Works without remote control.");
  await expect(switchOf(page, "Remote control")).toHaveAccessibleDescription("Take full control of the remote device. The end user downloads and runs a support app.");
  await expect(page.getByText(CHAT_NOTE)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save settings" })).toHaveCount(0); // with JavaScript, no button is needed
  for (const name of SWITCHES) {
    await switchOf(page, name).click();
    await expect(switchOf(page, name)).toHaveAttribute("aria-checked", "false");
  }
  await expect(page.getByRole("status")).toHaveText("Settings saved.");
  await expect.poll(() => db.user.findUniqueOrThrow({ where: { id: milo.id }, select: { unattendedAccess: true, fileManagement: true, remoteControl: true } }))
    .toEqual({ unattendedAccess: false, fileManagement: false, remoteControl: false });
  await expect(page.getByText(CHAT_NOTE)).toBeVisible();
  await page.reload();
  for (const name of SWITCHES) await expect(switchOf(page, name)).toHaveAttribute("aria-checked", "false");
  await expect(page.getByText(CHAT_NOTE)).toBeVisible();
  await toastsGone(page);
  await expectAccessible(page);

  await expect(page.getByRole("button", { name: "Save settings" })).toHaveCount(0); // hydrated: switches save on click
  await switchOf(page, "File management").click();
  await expect(switchOf(page, "File management")).toHaveAttribute("aria-checked", "true");
  // The switch shows the new value at once; reload only once it is stored.
  await expect.poll(() => db.user.findUniqueOrThrow({ where: { id: milo.id }, select: { fileManagement: true } })).toEqual({ fileManagement: true });
  await page.reload();
  await expect(switchOf(page, "File management")).toHaveAttribute("aria-checked", "true");
  await expect(switchOf(page, "Remote control")).toHaveAttribute("aria-checked", "false");

  // Removing the product keeps the settings but makes them unavailable.
  await openTab(page, "Products");
  await page.getByLabel("Send product change notification email").uncheck();
  await page.getByRole("button", { name: "Remove Remote Support" }).click();
  await expect(page.getByRole("status")).toHaveText("Remote Support removed from this user.");
  await expect(productRow(page, "Remote Support")).toContainText("3 of 3 seats left");
  expect(await db.outboxEmail.count({ where: { accountId: account.id } })).toBe(1);
  await openTab(page, "My settings");
  await expect(page.getByRole("tabpanel")).toContainText("Available with Remote Support.");
  for (const name of SWITCHES) {
    await expect(switchOf(page, name)).toBeDisabled();
    await expect(switchOf(page, name)).toHaveAttribute("aria-checked", "false");
  }
  // Kept for when Remote Support comes back.
  expect(await db.user.findUniqueOrThrow({ where: { id: milo.id }, select: { fileManagement: true, remoteControl: true } })).toEqual({ fileManagement: true, remoteControl: false });

  // Adding it back from the hint: the switches show the kept values again.
  await page.getByRole("tabpanel").getByRole("button", { name: "Add Remote Support" }).click();
  const again = page.getByRole("dialog", { name: "Add products to Milo Tester" });
  await again.getByLabel("Send product change notification email").uncheck();
  await again.getByRole("button", { name: "Add products" }).click();
  await expect(page.getByRole("region", { name: /Notifications/ })).toContainText("Product added for 1 user.");
  await expect(switchOf(page, "File management")).toBeEnabled();
  await expect(switchOf(page, "File management")).toHaveAttribute("aria-checked", "true");
  await expect(switchOf(page, "Remote control")).toHaveAttribute("aria-checked", "false");

  await openTab(page, "Activity");
  await expect(page.getByRole("tabpanel")).toContainText("turned off Remote control for");
  await toastsGone(page);
  await expectAccessible(page);
});

test("no seat left: the add button explains why, and a request that no longer fits is refused", async ({ page, db, account, signIn }) => {
  const remoteSupport = { accountId: account.id, product: { code: "remote-support" } };
  await signIn(account.users.ACCOUNT_HOLDER.email);
  await page.goto(`/people/users/${account.users.MEMBER.id}?tab=products`);
  await expect(page.getByRole("button", { name: "Add Remote Support" })).toBeEnabled();

  // Seats run out after the page was shown: the server refuses, nothing changes.
  const { id, seatsUsed } = await db.subscription.findFirstOrThrow({ where: remoteSupport });
  await db.subscription.update({ where: { id }, data: { seatsPurchased: seatsUsed } });
  await page.getByRole("button", { name: "Add Remote Support" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "1 seat needed, none available. Nothing was changed." })).toBeVisible();
  expect(await db.licenceAssignment.count({ where: { subscriptionId: id } })).toBe(0);
  expect(await db.outboxEmail.count({ where: { accountId: account.id } })).toBe(0);

  await page.reload();
  const add = page.getByRole("button", { name: "Add Remote Support" });
  await expect(add).toBeDisabled();
  await expect(add).toHaveAccessibleDescription("No seat left: remove Remote Support from another user or buy more seats.");
  await expect(productRow(page, "Remote Support")).toContainText("0 of 0 seats left");
  await expectAccessible(page);
});

test("support staff see products and capabilities read-only", async ({ page, db, account, signIn }) => {
  const { id: subscriptionId } = await db.subscription.findFirstOrThrow({ where: { accountId: account.id, product: { code: "remote-support" } } });
  await db.licenceAssignment.create({ data: { accountId: account.id, subscriptionId, userId: account.users.MEMBER.id } });
  await signIn(account.users.SUPPORT_STAFF.email);
  await page.goto(`/people/users/${account.users.MEMBER.id}`);

  await openTab(page, "Products");
  await expect(page.getByRole("tabpanel")).toContainText("Only admins and account holders can change this user's products.");
  await expect(productRow(page, "Remote Support")).toContainText("Assigned");
  await expect(page.getByRole("tabpanel").getByRole("button")).toHaveCount(0);
  await expect(page.getByLabel("Send product change notification email")).toHaveCount(0);
  await expectAccessible(page);

  await openTab(page, "My settings");
  await expect(page.getByRole("tabpanel")).toContainText("Only admins and account holders can change these settings.");
  for (const name of SWITCHES) await expect(switchOf(page, name)).toBeDisabled();
  await expect(page.getByRole("tabpanel").getByRole("button")).toHaveCount(0);
  await expectAccessible(page);
});

test("a member sees their own capabilities, read-only, on their profile", async ({ page, db, account, signIn }) => {
  const milo = account.users.MEMBER;
  await signIn(milo.email);
  await page.goto("/profile");
  const section = page.getByRole("region", { name: "My settings" });
  await expect(section).toContainText("Available with Remote Support.");
  for (const name of SWITCHES) await expect(section.getByRole("switch", { name, exact: true })).toBeDisabled();
  await expectAccessible(page);

  const { id: subscriptionId } = await db.subscription.findFirstOrThrow({ where: { accountId: account.id, product: { code: "remote-support" } } });
  await db.licenceAssignment.create({ data: { accountId: account.id, subscriptionId, userId: milo.id } });
  await db.user.update({ where: { id: milo.id }, data: { remoteControl: false } });
  await page.reload();
  await expect(section).toContainText("Your admin manages these settings.");
  await expect(section).not.toContainText("Available with Remote Support.");
  await expect(section.getByRole("switch", { name: "Unattended access and installers" })).toHaveAttribute("aria-checked", "true");
  await expect(section.getByRole("switch", { name: "Remote control" })).toHaveAttribute("aria-checked", "false");
  for (const name of SWITCHES) await expect(section.getByRole("switch", { name, exact: true })).toBeDisabled();
  await expect(section).toContainText("Remote control is off: you can still chat with your customers.");
  await expect(section.getByRole("button")).toHaveCount(0);
  await expectAccessible(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an admin saves the capabilities with the Save settings button", async ({ page, db, account, signIn }) => {
    const milo = account.users.MEMBER;
    const { id: subscriptionId } = await db.subscription.findFirstOrThrow({ where: { accountId: account.id, product: { code: "remote-support" } } });
    await db.licenceAssignment.create({ data: { accountId: account.id, subscriptionId, userId: milo.id } });
    await signIn(account.users.ADMIN.email);
    await page.goto(`/people/users/${milo.id}?tab=settings`);
    await switchOf(page, "Unattended access and installers").uncheck();
    await switchOf(page, "Remote control").uncheck();
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status")).toHaveText("Settings saved.");
    expect(await db.user.findUniqueOrThrow({ where: { id: milo.id }, select: { unattendedAccess: true, fileManagement: true, remoteControl: true } }))
      .toEqual({ unattendedAccess: false, fileManagement: true, remoteControl: false });
    await expect(switchOf(page, "Remote control")).toHaveAttribute("aria-checked", "false");
    await expect(page.getByText(CHAT_NOTE)).toBeVisible();
  });
});

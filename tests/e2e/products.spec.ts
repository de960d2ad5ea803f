import { expect, expectAccessible, test } from "./fixtures";

const table = (page: import("@playwright/test").Page) => page.getByRole("table", { name: "Users" });

test("Add products from the users list, with the notification email", async ({ page, db, account, signIn }) => {
  await signIn(account.users.ADMIN.email);
  await page.goto("/people/users");
  await page.getByRole("checkbox", { name: "Select Milo Tester" }).check();
  await page.getByRole("checkbox", { name: "Select Sol Tester" }).check();
  await page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: "Add products" }).click();
  const dialog = page.getByRole("dialog", { name: "Add products to 2 users" });
  await expect(dialog).toContainText("Add a product to 2 users.");
  await dialog.getByLabel("Product", { exact: true }).selectOption({ label: "Remote Support — 3 of 3 seats left" });
  await expect(dialog.getByLabel("Send product change notification email")).toBeChecked();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Add products" }).click();
  await expect(page.getByRole("status")).toHaveText("Product added for 2 users.");
  await expect(page.getByRole("region", { name: /Notifications/ })).toContainText("Product added for 2 users.");
  // One line: the first product and how many more, the whole list on hover.
  const products = table(page).getByRole("row", { name: /Milo Tester/ }).getByTitle("LogMeIn Central, Remote Support");
  await expect(products).toContainText("LogMeIn Central");
  await expect(products).toContainText("+1");

  const emails = await db.outboxEmail.findMany({ where: { accountId: account.id }, select: { recipient: true, kind: true } });
  expect(emails.map((e) => e.recipient).sort()).toEqual([account.users.MEMBER.email, account.users.SUPPORT_STAFF.email].sort());
  expect(emails.every((e) => e.kind === "productChange")).toBe(true);
});

test("Add products for one user from the row's More menu, without the email", async ({ page, db, account, signIn }) => {
  await signIn(account.users.ACCOUNT_HOLDER.email);
  await page.goto("/people/users");
  await page.getByLabel("More actions for Hana Tester").click();
  await page.getByRole("menuitem", { name: "Add products" }).click();
  const dialog = page.getByRole("dialog", { name: "Add products to Hana Tester" });
  await expect(dialog).toContainText("Add a product to 1 user.");
  await dialog.getByLabel("Product", { exact: true }).selectOption({ label: "Remote Support — 3 of 3 seats left" });
  await dialog.getByLabel("Send product change notification email").uncheck();
  await dialog.getByRole("button", { name: "Add products" }).click();
  await expect(page.getByRole("status")).toHaveText("Product added for 1 user.");
  await expect(table(page).getByRole("row", { name: /Hana Tester/ })).toContainText("Remote Support");
  expect(await db.outboxEmail.count({ where: { accountId: account.id } })).toBe(0);
});

test("an admin's selection with the account holder in it is refused whole, naming how many are above", async ({ page, db, account, signIn }) => {
  await signIn(account.users.ADMIN.email);
  await page.goto("/people/users");
  await page.getByRole("checkbox", { name: "Select all users on this page" }).check();
  await page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: "Add products" }).click();
  const dialog = page.getByRole("dialog", { name: "Add products" });
  await dialog.getByLabel("Product", { exact: true }).selectOption({ label: "Remote Support — 3 of 3 seats left" });
  await dialog.getByRole("button", { name: "Add products" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("1 of the selected users has a role above yours. Nothing was changed: leave them out of the selection and try again.");
  expect(await db.licenceAssignment.count({ where: { accountId: account.id, subscription: { product: { code: "remote-support" } } } })).toBe(0);
});

test("a seat shortage refuses the whole request with the numbers, and removing frees seats", async ({ page, db, account, signIn }) => {
  const subscription = await db.subscription.findFirstOrThrow({ where: { accountId: account.id, product: { code: "remote-support" } } });
  await db.subscription.update({ where: { id: subscription.id }, data: { seatsPurchased: 1 } });
  // The account holder: every user of the page is at or below their role.
  await signIn(account.users.ACCOUNT_HOLDER.email);
  await page.goto("/people/users");
  await page.getByRole("checkbox", { name: "Select all users on this page" }).check();
  const bar = page.getByRole("toolbar", { name: "Bulk actions" });
  await bar.getByRole("button", { name: "Add products" }).click();
  const dialog = page.getByRole("dialog", { name: "Add products" });
  await dialog.getByLabel("Product", { exact: true }).selectOption({ label: "Remote Support — 1 of 1 seats left" });
  await dialog.getByRole("button", { name: "Add products" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("4 seats needed, 1 available. Nothing was changed.");
  expect(await db.licenceAssignment.count({ where: { subscriptionId: subscription.id } })).toBe(0);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // Central: Milo holds one of 5 seats; remove it from everyone on the page.
  await bar.getByRole("button", { name: "Remove products" }).click();
  const remove = page.getByRole("dialog", { name: "Remove products" });
  await remove.getByLabel("Product", { exact: true }).selectOption({ label: "LogMeIn Central — 4 of 5 seats left" });
  await remove.getByRole("button", { name: "Remove products" }).click();
  await expect(page.getByRole("status")).toHaveText("Product removed for 1 user.");
  expect((await db.subscription.findFirstOrThrow({ where: { accountId: account.id, product: { code: "central" } } })).seatsUsed).toBe(0);
});

test("support staff get no product actions", async ({ page, db, account, signIn }) => {
  await db.user.update({ where: { id: account.users.MEMBER.id }, data: { status: "INVITED" } });
  await signIn(account.users.SUPPORT_STAFF.email);
  await page.goto("/people/users");
  await expect(table(page)).toContainText("Milo Tester");
  // Milo is invited: his More menu offers Resend invitation and nothing else; Sol, active, has none.
  await expect(page.getByLabel("More actions for Sol Tester")).toHaveCount(0);
  await page.getByLabel("More actions for Milo Tester").click();
  await expect(page.getByRole("menu").getByRole("menuitem")).toHaveText(["Resend invitation"]);
  await page.keyboard.press("Escape");
  // They may select users only to resend invitations (Milo is invited).
  await page.getByRole("checkbox", { name: "Select Milo Tester" }).check();
  await expect(page.getByRole("button", { name: "Resend invitation" })).toBeVisible();
  for (const name of ["Add products", "Remove products", "Change role", "Delete"]) {
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  }
});

test("edit capabilities in bulk: only users with Remote Support change", async ({ page, db, account, signIn }) => {
  const subscription = await db.subscription.findFirstOrThrow({ where: { accountId: account.id, product: { code: "remote-support" } } });
  await db.licenceAssignment.create({ data: { accountId: account.id, subscriptionId: subscription.id, userId: account.users.MEMBER.id } });
  await signIn(account.users.ADMIN.email);
  await page.goto("/people/users");
  await page.getByRole("checkbox", { name: "Select Milo Tester" }).check();
  await page.getByRole("checkbox", { name: "Select Sol Tester" }).check();
  await page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: "Edit capabilities" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit capabilities" });
  await expect(dialog).toContainText("Only users with Remote Support are changed.");
  await dialog.getByLabel("Remote control").selectOption("off");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Apply to 2 users" }).click();
  await expect(page.getByRole("status")).toHaveText("Capabilities changed for 1 user. 1 user without Remote Support was left as is.");
  const [milo, sol] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: account.users.MEMBER.id } }),
    db.user.findUniqueOrThrow({ where: { id: account.users.SUPPORT_STAFF.id } }),
  ]);
  expect([milo.remoteControl, milo.fileManagement, sol.remoteControl]).toEqual([false, true, true]);
});

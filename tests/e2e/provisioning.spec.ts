import crypto from "node:crypto";
import { newSecret, secretDigest } from "../../lib/api-tokens/secret";
import { expect, expectAccessible, test } from "./fixtures";

test("an admin adds a provisioning rule; SCIM then gives the group's members its product; the rule is removed", async ({ page, db, account, signIn, request, baseURL }) => {
  const group = await db.userGroup.create({ data: { accountId: account.id, name: `Night shift ${crypto.randomBytes(2).toString("hex")}` } });
  await signIn(account.users.ADMIN.email);
  await page.goto("/settings/provisioning");
  await expect(page.getByRole("heading", { level: 1, name: "Provisioning" })).toBeVisible();
  await expect(page.getByText("No rules yet")).toBeVisible();
  await expectAccessible(page);

  // Nothing chosen: told at the fields.
  await page.getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByLabel("Group")).toHaveAccessibleDescription(/required|Required/);

  await page.getByLabel("Group").selectOption({ label: group.name });
  await page.getByLabel("Product").selectOption({ label: "Remote Support" });
  await page.getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByRole("status")).toHaveText("Rule added.");
  const table = page.getByRole("table", { name: "Provisioning" });
  await expect(table.getByRole("rowheader", { name: group.name })).toBeVisible();
  await expectAccessible(page);

  // The same rule again is refused at the product.
  await page.getByLabel("Group").selectOption({ label: group.name });
  await page.getByLabel("Product").selectOption({ label: "Remote Support" });
  await page.getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByLabel("Product")).toHaveAccessibleDescription("This group already gives this product.");

  // An identity provider adds a member over SCIM: they get Remote Support.
  const secret = newSecret();
  await db.apiToken.create({ data: { accountId: account.id, name: "Entra", secretHash: secretDigest(secret), roleCeiling: "ADMIN", scopes: ["SCIM"], createdById: account.users.ACCOUNT_HOLDER.id } });
  const member = account.users.MEMBER;
  const patched = await request.patch(`${baseURL}/scim/v2/Groups/${group.id}`, {
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/scim+json" },
    data: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "add", path: "members", value: [{ value: member.id }] }] },
  });
  expect(patched.status()).toBe(200);
  await page.goto(`/people/users/${member.id}?tab=products`);
  await expect(page.getByRole("main")).toContainText("Remote Support");

  await page.goto("/settings/provisioning");
  await page.getByRole("button", { name: `Remove the rule ${group.name} → Remote Support` }).click();
  await expect(page.getByText("No rules yet")).toBeVisible();
});

test("a support staff member has no provisioning page", async ({ page, account, signIn }) => {
  await signIn(account.users.SUPPORT_STAFF.email);
  const response = await page.goto("/settings/provisioning");
  expect(response?.status()).toBe(404);
});

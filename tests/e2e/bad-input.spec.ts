import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";

// PRODUCT.md "Bad input": names are data. Markup, right-to-left text and emoji are stored as typed
// and shown as literal text everywhere; control characters are refused at the field.

const FIRST = '"><img src=x onerror=alert(1)> مريم';
const LAST = "<script>alert(1)</script> 👩‍💻 שרה";
const ADMIN_FIRST = "<img src=x onerror=alert(2)>";
const ADMIN_LAST = "Ada 🚀 حداد";

/** Every dialog a page opens (an injected alert() would): there must be none. */
function watchDialogs(page: Page): string[] {
  const opened: string[] = [];
  page.on("dialog", async (dialog) => {
    opened.push(dialog.message());
    await dialog.dismiss();
  });
  return opened;
}

/** No element the hostile names could have injected, on the page or in an email preview's frame. */
async function expectNothingInjected(page: Page) {
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  for (const frame of page.frames()) expect(await frame.locator('img[src="x"]').count()).toBe(0);
}

const row = (page: Page, n: number) => page.getByRole("group", { name: `User ${n}`, exact: true });

test("a user named with markup, right-to-left text and emoji is shown as that literal text everywhere", async ({ page, db, account, signIn }) => {
  const dialogs = watchDialogs(page);
  // The admin who adds them has such a name too: the audit log and the email show the actor's name.
  await db.user.update({ where: { id: account.users.ADMIN.id }, data: { firstName: ADMIN_FIRST, lastName: ADMIN_LAST } });
  const email = `hostile-${crypto.randomBytes(3).toString("hex")}@e2e.example`;

  await signIn(account.users.ADMIN.email);
  await page.goto("/people/users/new");
  await row(page, 1).getByLabel("First name").fill(FIRST);
  await row(page, 1).getByLabel("Last name").fill(LAST);
  await row(page, 1).getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Add user", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("1 user added, 0 transfer invitations, 0 skipped.");
  const stored = await db.user.findUniqueOrThrow({ where: { email } });
  expect({ firstName: stored.firstName, lastName: stored.lastName }).toEqual({ firstName: FIRST, lastName: LAST });

  // The users list: the name is the link's text.
  await page.goto(`/people/users?q=${encodeURIComponent(email)}`);
  const link = page.getByRole("row", { name: new RegExp(email) }).getByRole("link", { name: `${FIRST} ${LAST}` });
  await expect(link).toBeVisible();
  await expectNothingInjected(page);
  await expectAccessible(page);

  // The user's page.
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: `${FIRST} ${LAST}` })).toBeVisible();
  await expectNothingInjected(page);
  await expectAccessible(page);

  // The audit log names the admin who added them.
  await page.goto("/settings/audit-log");
  await expect(page.getByRole("cell", { name: `${ADMIN_FIRST} ${ADMIN_LAST}`, exact: true }).first()).toBeVisible();
  await expectNothingInjected(page);
  await expectAccessible(page);

  // The welcome email in the outbox: greeting the new user, from the admin, all as text.
  await page.goto("/settings/outbox");
  await page.getByRole("row", { name: new RegExp(email) }).getByRole("link").first().click();
  const preview = page.frameLocator("iframe[sandbox]");
  await expect(preview.getByText(FIRST, { exact: false }).first()).toBeVisible();
  await expect(preview.getByText(ADMIN_FIRST, { exact: false }).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Plain-text version" })).toContainText(FIRST);
  await expectNothingInjected(page);
  await expectAccessible(page);

  expect(dialogs).toEqual([]);
});

test("Add user: a NUL character or a tab in a name is refused at its field, and nobody is added", async ({ page, db, account, signIn }) => {
  const email = `control-${crypto.randomBytes(3).toString("hex")}@e2e.example`;
  await signIn(account.users.ADMIN.email);
  await page.goto("/people/users/new");
  await row(page, 1).getByLabel("First name").fill("Ann\u0000Marie");
  await row(page, 1).getByLabel("Last name").fill("Lee\tSmith");
  await row(page, 1).getByLabel("Work email").fill(email);
  await expect(row(page, 1).getByLabel("First name")).toHaveValue("Ann\u0000Marie");
  await page.getByRole("button", { name: "Add user", exact: true }).click();
  await expect(row(page, 1).getByLabel("First name")).toHaveAccessibleDescription("Remove the invisible control characters from this text.");
  await expect(row(page, 1).getByLabel("Last name")).toHaveAccessibleDescription("Keep this on one line: remove the line breaks and tabs.");
  await expect(page.getByRole("alert").first()).toHaveText("Some rows need attention. Nothing was added.");
  await expectAccessible(page);
  expect(await db.user.count({ where: { email } })).toBe(0);
});

test("a name with a right-to-left override can't turn around the sentence it is put in", async ({ page, db, account, signIn }) => {
  const name = `Eve\u202Egnp.exe ${crypto.randomBytes(2).toString("hex")}`;
  await signIn(account.users.ADMIN.email);
  await page.goto("/people/groups");
  await page.getByLabel("Group name").fill(name);
  await page.getByRole("button", { name: "Create group" }).click();
  const status = page.getByRole("status");
  // Stored as typed; in the sentence it is isolated (U+2068 … U+2069).
  await expect(status).toHaveText(`The group “\u2068${name}\u2069” was created.`);
  expect(await db.userGroup.count({ where: { accountId: account.id, name } })).toBe(1);
  // As laid out: "was created" still reads after the name. Without the isolate the override would
  // run on to the end of the sentence and put "created" to the left of the name's "gnp".
  const offset = await status.evaluate((element) => {
    const node = element.firstChild as Text;
    const left = (part: string) => {
      const range = document.createRange();
      const start = node.data.indexOf(part);
      range.setStart(node, start);
      range.setEnd(node, start + part.length);
      return range.getBoundingClientRect().left;
    };
    return left("created") - left("gnp");
  });
  expect(offset).toBeGreaterThan(0);
  await expectAccessible(page);
});

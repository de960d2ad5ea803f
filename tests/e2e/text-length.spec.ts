import type { Locator, Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";

// Text limits count characters, as the server does (zod), not the browser's UTF-16 units: a name of
// 43 mathematical letters (86 UTF-16 units, under a 50-character limit) is neither cut while typed
// nor refused; one character over the limit is named at the field as it is typed (issue 20).

const BOLD_A = "𝐀"; // U+1D400: two UTF-16 units
const typed = (count: number) => BOLD_A.repeat(count);

/** Every signed-in text field with a length limit: page, the field, its limit in characters. */
const FIELDS: { page: string; field: (page: Page) => Locator; limit: number; holder?: true }[] = [
  { page: "/profile", field: (page) => page.getByLabel("First name"), limit: 50 },
  { page: "/profile", field: (page) => page.getByLabel("Last name"), limit: 50 },
  { page: "/people/users/new", field: (page) => page.getByLabel("First name").first(), limit: 50 },
  { page: "/people/users/new", field: (page) => page.getByLabel("Last name").first(), limit: 50 },
  { page: "USER", field: (page) => page.getByLabel("First name"), limit: 50 },
  { page: "USER", field: (page) => page.getByLabel("Last name"), limit: 50 },
  { page: "/people/groups", field: (page) => page.getByLabel("Group name"), limit: 60 },
  { page: "/settings/email-templates/welcome/en", field: (page) => page.getByLabel("Subject"), limit: 200 },
  { page: "/settings/api-tokens", field: (page) => page.getByLabel("Name", { exact: true }), limit: 100 },
  { page: "/settings/single-sign-on", field: (page) => page.getByLabel("Issuer URL"), limit: 500, holder: true },
  { page: "/settings/single-sign-on", field: (page) => page.getByLabel("Client ID"), limit: 255, holder: true },
  { page: "/settings/single-sign-on", field: (page) => page.getByLabel("Scopes"), limit: 200, holder: true },
  { page: "/settings/single-sign-on", field: (page) => page.getByLabel("Domain", { exact: true }), limit: 253, holder: true },
];

// One test per field: each stays short on a busy machine, and a failure names its field.
for (const [index, { page: path, field, limit, holder }] of FIELDS.entries()) {
  test(`field ${index + 1} on ${path} (${limit} characters): takes as many characters as the server does, and says so live one over`, async ({ page, account, signIn }) => {
    await signIn(holder ? account.users.ACCOUNT_HOLDER.email : account.users.ADMIN.email);
    await page.goto(path === "USER" ? `/people/users/${account.users.MEMBER.id}` : path);
    const input = field(page);
    await input.clear();
    await input.pressSequentially(typed(limit));
    // Not cut: every character typed is there.
    expect(Array.from(await input.inputValue())).toHaveLength(limit);
    await expect(input).not.toHaveAttribute("aria-invalid", "true");
    await expect(input).not.toHaveAttribute("maxlength");
    await input.pressSequentially(BOLD_A);
    await expect(input).toHaveAttribute("aria-invalid", "true");
    await expect(input).toHaveAccessibleDescription(/This value is too long\./);
    await expectAccessible(page);
  });
}

test("a name of 43 mathematical letters is stored whole", async ({ page, db, account, signIn }) => {
  await signIn(account.users.MEMBER.email);
  await page.goto("/profile");
  await page.getByLabel("First name").clear();
  await page.getByLabel("First name").pressSequentially(typed(43));
  await page.getByRole("button", { name: "Save profile" }).click();
  const stored = () => db.user.findUniqueOrThrow({ where: { id: account.users.MEMBER.id }, select: { firstName: true } }).then((u) => u.firstName);
  await expect.poll(stored, { timeout: 15_000 }).toBe(typed(43));
  await expect(page.getByLabel("First name")).toHaveValue(typed(43));
});

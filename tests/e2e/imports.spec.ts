// CSV import end to end: the template downloaded from the users list, filled and uploaded, the
// per-row report and its error rows, then the commit. The shared app reflects imports after the
// default 24 hours; the "0s" block runs an app instance of its own that reflects them at once.
import crypto from "node:crypto";
import fs from "node:fs";
import type { Download, Page } from "@playwright/test";
import Papa from "papaparse";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { createAccount } from "../../lib/seed/accounts";
import { expect, expectAccessible, PASSWORD, test } from "./fixtures";
import { signInOn, startAppInstance, type AppInstance } from "./support/app-instance";

const BOM = "\uFEFF";
const DELAY_NOTICE = "Users are added about 24 hours after you confirm the import, not right away.";
const HEADERS = ["First name", "Last name", "Email", "Language", "Time zone", "User group", "Account role"];
const tag = () => crypto.randomBytes(3).toString("hex");

/** Clicks a link that downloads a file; its bytes and suggested name. */
async function download(page: Page, name: string): Promise<{ bytes: Buffer; fileName: string }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  return { bytes: fs.readFileSync((await (file as Download).path())!), fileName: file.suggestedFilename() };
}

/** A downloaded CSV file of the app: UTF-8 with a BOM, read into rows of cells. */
function readCsv(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8");
  expect(text.startsWith(BOM)).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
}

/**
 * Downloads the template from the users list, checks it (its example row names the account's
 * first group, `group`), and fills it as a spreadsheet would: its header line as it came (BOM
 * included), the example row replaced by `rows`, CRLF endings.
 */
async function fillTemplate(page: Page, rows: string[][], group: string): Promise<Buffer> {
  await page.goto("/people/users");
  const template = await download(page, "Download CSV template");
  expect(template.fileName).toBe("central-admin-users-en.csv");
  const [header, example, ...rest] = readCsv(template.bytes);
  expect(header).toEqual(HEADERS);
  expect(example).toEqual(["Zoë", "O'Brien", "zoe.obrien@example.com", "English", "Europe/London", group, "Member"]);
  expect(rest).toEqual([]);
  const headerLine = template.bytes.toString("utf8").split("\r\n")[0];
  return Buffer.from([headerLine, ...rows.map((cells) => cells.join(","))].join("\r\n") + "\r\n", "utf8");
}

/** From the users list to the report of `file`, uploaded with the batch settings `settings` chooses. */
async function upload(page: Page, file: { name: string; buffer: Buffer }, settings: (page: Page) => Promise<void>): Promise<string> {
  await page.goto("/people/users");
  await page.getByRole("link", { name: "Import from CSV" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import from CSV" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("CSV file").setInputFiles({ name: file.name, mimeType: "text/csv", buffer: file.buffer });
  await settings(page);
  // By its type, not its name: the name is checked on its own in "the upload form names its submit button".
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page).toHaveURL(/\/people\/users\/imports\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: `Check the import: ${file.name}` })).toBeVisible();
  return /([0-9a-f-]{36})$/.exec(page.url())![1];
}

const additionalSettings = (page: Page) => page.getByRole("group", { name: "Additional settings" });

/** Types into the Time zone combobox and picks the one suggestion, with the mouse. */
async function pickTimeZone(page: Page, typed: string, zone: string) {
  await additionalSettings(page).getByRole("combobox", { name: "Time zone" }).fill(typed);
  await additionalSettings(page).getByRole("listbox", { name: "Suggestions" }).getByRole("option", { name: new RegExp(`^${zone} UTC`) }).click();
  await expect(additionalSettings(page).getByRole("combobox", { name: "Time zone" })).toHaveValue(new RegExp(`^${zone} UTC`));
}
const reportRow = (page: Page, n: number) => page.getByRole("table", { name: "Rows of the file" }).getByRole("row").nth(n);

test("an admin imports users from the filled template; with the default 24 h delay they are scheduled, not yet in the account", async ({ page, db, account, signIn }) => {
  test.setTimeout(60_000);
  const t = tag();
  const group = await db.userGroup.create({ data: { accountId: account.id, name: "Field team" } });
  const ines = `ines-${t}@e2e.example`;
  const noah = `noah-${t}@e2e.example`;
  const member = account.users.MEMBER.email;
  const fileName = `team-${t}.csv`;

  await signIn(account.users.ADMIN.email);
  const buffer = await fillTemplate(page, [
    ["Inès", "Okafor", ines, "Français", "", "", ""], // 1 ready; the batch settings for the rest
    ["Noah", "", noah, "", "Asia/Tokyo", "", "Support staff"], // 2 ready, its own time zone and role
    ["=SUM(A1)", "Nameless", "not-an-email", "", "", "", ""], // 3 error
    ["Inès", "", ines.toUpperCase(), "", "", "", ""], // 4 same address as row 1
    ["Milo", "Tester", member, "", "", "", ""], // 5 already in this account
    ["Vic", "", `vic-${t}@e2e.example`, "Klingon", "", "", ""], // 6 error
    ["", "Blank", `blank-${t}@e2e.example`, "", "", "", ""], // 7 error
  ], "Field team");

  const id = await upload(page, { name: fileName, buffer }, async () => {
    await page.getByRole("checkbox", { name: /LogMeIn Central/ }).check();
    await pickTimeZone(page, "lisbon", "Europe/Lisbon");
    await additionalSettings(page).getByLabel("User group").selectOption("Field team");
  });
  await expect(page.getByRole("status")).toHaveText("2 rows are ready to import, 5 rows won't be imported (of 7).");
  await expect(page.getByText(DELAY_NOTICE)).toBeVisible(); // said before confirming
  const outcomes = [
    "Ready to import",
    "Ready to import",
    "Email: Not a valid email address.",
    "Email: Same email as row 1",
    "Already in this account: not imported",
    "Language: Unknown language. Use English, Français, Italiano, Deutsch, Español, Português or Nederlands (en, fr, it, de, es, pt, nl).",
    "First name: Required.",
  ];
  for (const [i, outcome] of outcomes.entries()) await expect(reportRow(page, i + 1)).toContainText(outcome);
  await expect(reportRow(page, 3)).toContainText("=SUM(A1)"); // shown as written
  await expectAccessible(page);
  // A draft imports nobody, and each row starts from the batch settings unless its cells say otherwise.
  expect(await db.user.count({ where: { email: { in: [ines, noah] } } })).toBe(0);
  const values = Object.fromEntries(
    (await db.importRow.findMany({ where: { batchId: id, status: "PENDING" } })).map((r) => [r.rowNumber, r.values as Record<string, unknown>]),
  );
  expect(values[1]).toMatchObject({ email: ines, firstName: "Inès", locale: "fr", timeZone: "Europe/Lisbon", groupId: group.id, role: "MEMBER" });
  expect(values[2]).toMatchObject({ email: noah, locale: "en", timeZone: "Asia/Tokyo", groupId: group.id, role: "SUPPORT_STAFF" });

  // The rows that won't be imported, as written, with their reasons; formulas defused.
  const errors = await download(page, "Download rows with errors (CSV)");
  expect(errors.fileName).toBe(`import-errors-${id.slice(0, 8)}.csv`);
  expect(readCsv(errors.bytes)).toEqual([
    ["Row", ...HEADERS, "Problems"],
    ["3", "'=SUM(A1)", "Nameless", "not-an-email", "", "", "", "", outcomes[2]],
    ["4", "Inès", "", ines.toUpperCase(), "", "", "", "", outcomes[3]],
    ["5", "Milo", "Tester", member, "", "", "", "", outcomes[4]],
    ["6", "Vic", "", `vic-${t}@e2e.example`, "Klingon", "", "", "", outcomes[5]],
    ["7", "", "Blank", `blank-${t}@e2e.example`, "", "", "", "", outcomes[6]],
  ]);

  const committedAt = Date.now();
  await page.getByRole("button", { name: "Import 2 users" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Import: ${fileName}` })).toBeVisible();
  await expect(page.getByText("Import confirmed. The users are added at the scheduled time.")).toBeVisible(); // a toast
  await expect(page).toHaveURL(/\/people\/users\/imports\/[0-9a-f-]{36}$/); // a reload doesn't repeat it
  await expect(page.getByText("Status: Scheduled")).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(/^The imported users appear in (24 hours|1 day), at .+\. Until then they aren't in the users list\.$/);
  await expect(page.getByRole("button", { name: "Cancel the import" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Import \d+ users?$/ })).toHaveCount(0);
  await expect(page.getByText("Import confirmed. The users are added at the scheduled time.")).toBeHidden({ timeout: 15_000 }); // axe checks the page, not a fading toast
  await expectAccessible(page);
  const batch = await db.importBatch.findUniqueOrThrow({ where: { id } });
  expect(batch.status).toBe("SCHEDULED");
  expect(batch.scheduledFor!.getTime()).toBeGreaterThanOrEqual(committedAt + 24 * 3_600_000 - 1_000);
  expect(batch.scheduledFor!.getTime()).toBeLessThanOrEqual(Date.now() + 24 * 3_600_000);

  // Not in the users list until then.
  await page.goto(`/people/users?q=${encodeURIComponent(ines)}`);
  await expect(page.getByText("No users match your search and filters.")).toBeVisible();
  expect(await db.user.count({ where: { email: { in: [ines, noah] } } })).toBe(0);

  // The history shows the batch, when it will be reflected, and its rows.
  await page.goto("/people/users/imports");
  await expect(page.getByRole("heading", { level: 1, name: "Import history" })).toBeVisible();
  const entry = page.getByRole("row", { name: new RegExp(fileName) });
  await expect(entry).toContainText("Ada Tester");
  await expect(entry).toContainText("Scheduled");
  await expect(entry).toContainText("0 imported, 0 failed, 2 waiting, 5 not imported");
  await expect(entry.getByRole("cell").nth(3)).not.toHaveText("—");
  await expect(entry.getByRole("cell").nth(3)).toHaveText(/\S/);
  await expectAccessible(page);

  // Still time to cancel: the job then reflects nothing.
  await entry.getByRole("link", { name: fileName }).click();
  await page.getByRole("button", { name: "Cancel the import" }).click();
  await expect(page.getByText("Status: Cancelled")).toBeVisible();
  await expect(page.getByText("Import cancelled. No user was added.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel the import" })).toHaveCount(0);
  expect((await db.importBatch.findUniqueOrThrow({ where: { id } })).status).toBe("CANCELLED");
});

test("the template imports as it is; a checked file waits in the history as a draft until continued", async ({ page, db, account, signIn }) => {
  await db.userGroup.createMany({ data: [{ accountId: account.id, name: "Zulu shift" }, { accountId: account.id, name: "Alpha team" }] });
  await signIn(account.users.ADMIN.email);
  await page.goto("/people/users/import");
  // The delay is said before anything is uploaded.
  await expect(page.getByText(DELAY_NOTICE)).toBeVisible();
  const template = await download(page, "Download CSV template");
  const [, example] = readCsv(template.bytes);
  expect(example[5]).toBe("Alpha team"); // the account's first group, so the example row passes

  const id = await upload(page, { name: "as-is.csv", buffer: template.bytes }, async () => undefined);
  await expect(page.getByRole("status")).toHaveText("1 row is ready to import, 0 rows won't be imported (of 1).");
  await expect(page.getByText(DELAY_NOTICE)).toBeVisible();
  // The address may wrap before its @ and after its dots, never inside a word.
  expect(await reportRow(page, 1).getByRole("cell").nth(3).innerHTML()).toBe("zoe.<wbr>obrien<wbr>@example.<wbr>com");

  // Not confirmed: in the history as a draft, with Continue.
  await page.goto("/people/users/imports");
  await expect(page.getByRole("columnheader", { name: "Status", exact: true })).toBeVisible();
  const entry = page.getByRole("row", { name: /as-is\.csv/ });
  await expect(entry).toContainText("Draft");
  await expectAccessible(page);
  await entry.getByRole("link", { name: "Continue the import as-is.csv" }).click();
  await expect(page).toHaveURL(`/people/users/imports/${id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Check the import: as-is.csv" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel this import" }).click();
  await expect(page.getByText("The checked file was discarded. Nothing was imported.")).toBeVisible();
  await expect(page).toHaveURL("/people/users/import");
  expect(await db.importBatch.count({ where: { id } })).toBe(0);
});

test("a draft cancelled from its report is gone, and a file with problems only can't be imported", async ({ page, db, account, signIn }) => {
  await signIn(account.users.ADMIN.email);
  const buffer = Buffer.from(`Email,First name\r\nnot-an-email,Al\r\n${account.users.MEMBER.email},Milo\r\n`);
  const id = await upload(page, { name: "problems.csv", buffer }, async () => undefined);
  await expect(page.getByRole("status")).toHaveText("0 rows are ready to import, 2 rows won't be imported (of 2).");
  await expect(page.getByRole("button", { name: /^Import \d+ users?$/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Cancel this import" }).click();
  await expect(page).toHaveURL("/people/users/import");
  expect(await db.importBatch.count({ where: { id } })).toBe(0);
});

test("support staff and members get 404 on every import page", async ({ page, db, account, signIn }) => {
  const batch = await db.importBatch.create({
    data: { accountId: account.id, fileName: "secret.csv", createdById: account.users.ADMIN.id, status: "SCHEDULED", rowCount: 0, settings: { products: [] }, scheduledFor: new Date(Date.now() + 86_400_000) },
  });
  const pages = ["/people/users/import", "/people/users/imports", `/people/users/imports/${batch.id}`];
  const files = ["/people/users/import/template", `/people/users/imports/${batch.id}/errors`];
  for (const role of ["SUPPORT_STAFF", "MEMBER"] as const) {
    await page.context().clearCookies();
    await signIn(account.users[role].email);
    for (const url of pages) expect((await page.goto(url))?.status(), `${role} ${url}`).toBe(404);
    for (const url of files) expect((await page.request.get(url)).status(), `${role} ${url}`).toBe(404);
  }
  // Support staff see the users list, without the import links.
  await page.context().clearCookies();
  await signIn(account.users.SUPPORT_STAFF.email);
  await page.goto("/people/users");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Import from CSV" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Download CSV template" })).toHaveCount(0);
});

test("the upload form names its submit button and refuses a file over 1 MB at the field, nothing stored", async ({ page, db, account, signIn }) => {
  await signIn(account.users.ADMIN.email);
  await page.goto("/people/users/import");
  await expect(page.getByRole("button", { name: "Check the file" })).toBeVisible();
  const big = Buffer.from("First name,Email\n" + "x".repeat(1_100_000));
  await page.getByLabel("CSV file").setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: big });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByLabel("CSV file")).toHaveAccessibleDescription(/larger than the limit of 1 MB/);
  await expect(page).toHaveURL(/\/people\/users\/import$/);
  expect(await db.importBatch.count({ where: { accountId: account.id } })).toBe(0);
});

test("the scheduled time is shown in the user's time zone", async ({ page, db, account, signIn }) => {
  const scheduledFor = new Date("2031-03-04T05:06:00Z");
  await db.user.update({ where: { id: account.users.ADMIN.id }, data: { timeZone: "Asia/Tokyo" } });
  const batch = await db.importBatch.create({
    data: { accountId: account.id, fileName: "later.csv", createdById: account.users.ADMIN.id, status: "SCHEDULED", rowCount: 0, settings: { products: [] }, committedAt: new Date(), scheduledFor },
  });
  const local = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Tokyo" }).format(scheduledFor); // "Mar 4, 2031, 2:06 PM"
  await signIn(account.users.ADMIN.email);
  await page.goto(`/people/users/imports/${batch.id}`);
  await expect(page.getByRole("status")).toContainText(`, at ${local}`);
  await page.goto("/people/users/imports");
  await expect(page.getByRole("row", { name: /later\.csv/ }).getByRole("cell").nth(3)).toContainText(local);
});

test("rows refused because the committer lost the authority say so on the import and in the history", async ({ page, db, account, signIn }) => {
  const batch = await db.importBatch.create({
    data: {
      accountId: account.id, fileName: "refused.csv", createdById: account.users.ADMIN.id, status: "DONE_WITH_ERRORS", rowCount: 2, settings: { products: [] },
      committedAt: new Date(), scheduledFor: new Date(), finishedAt: new Date(),
      rows: {
        create: [
          { rowNumber: 1, cells: { firstName: "Ada", email: `ada-${tag()}@import.example` }, check: "valid", status: "FAILED", outcome: "refused", problems: { reason: "imports.refused.roleTooHigh" } },
          { rowNumber: 2, cells: { firstName: "Bo", email: `bo-${tag()}@import.example` }, check: "valid", status: "DONE", outcome: "created" },
        ],
      },
    },
  });
  await signIn(account.users.ACCOUNT_HOLDER.email);
  await page.goto(`/people/users/imports/${batch.id}`);
  await expect(page.getByRole("status")).toHaveText(/^1 row was not imported because the person who confirmed this import no longer had the authority/);
  await expect(page.getByRole("row", { name: /Ada/ })).toContainText("Not imported: the person who confirmed this import can no longer give this role.");
  await expectAccessible(page);
  await page.goto("/people/users/imports");
  await expect(page.getByRole("row", { name: /refused\.csv/ })).toContainText("1 row refused: the importer's authority changed");
});

test.describe("with IMPORT_REFLECTION_DELAY=0s", () => {
  test.describe.configure({ mode: "serial", timeout: 120_000 });
  let app: AppInstance;
  let db: PrismaClient;

  test.beforeAll(async () => {
    app = await startAppInstance({ IMPORT_REFLECTION_DELAY: "0s" });
    db = app.db;
  });

  test.afterAll(async () => {
    await app?.stop();
  });

  test("the imported users appear at once, with their products and settings, and their welcome and transfer emails are in the outbox", async ({ browser }) => {
    const t = tag();
    const { account, users: [admin] } = await createAccount(db, {
      name: `Import ${t}`, password: PASSWORD, seats: { "remote-support": 5 }, groups: ["Night shift"],
      users: [{ email: `admin-${t}@import.example`, firstName: "Ada", lastName: "Admin", role: "ADMIN" }],
    });
    const { users: [olga] } = await createAccount(db, {
      name: `Elsewhere ${t}`, password: PASSWORD,
      users: [{ email: `olga-${t}@import.example`, firstName: "Olga", lastName: "Other", role: "MEMBER" }],
    });
    const lea = `lea-${t}@import.example`;
    const tom = `tom-${t}@import.example`;
    const fileName = `now-${t}.csv`;

    const context = await browser.newContext({ baseURL: app.base });
    const page = await context.newPage();
    await signInOn(page, admin.email);
    const buffer = await fillTemplate(page, [
      ["Léa", "Roux", lea, "Français", "", "", ""],
      ["Tom", "", tom, "", "", "", "Admin"],
      ["Olga", "Other", olga.email, "", "", "", ""],
    ], "Night shift");
    const id = await upload(page, { name: fileName, buffer }, async () => {
      await page.getByRole("checkbox", { name: /Remote Support/ }).check();
      await pickTimeZone(page, "amsterdam", "Europe/Amsterdam");
      await additionalSettings(page).getByLabel("User group").selectOption("Night shift");
    });
    await expect(page.getByRole("status")).toHaveText("3 rows are ready to import, 0 rows won't be imported (of 3).");
    await expect(page.getByText("Users are added as soon as you confirm the import.")).toBeVisible(); // IMPORT_REFLECTION_DELAY=0s
    // Olga has a user in another account: the report can't tell (that's the other account's business).
    await expect(reportRow(page, 3)).toContainText("Ready to import");
    await expect(reportRow(page, 3)).not.toContainText("another account");
    await expect(page.getByRole("link", { name: "Download rows with errors (CSV)" })).toHaveCount(0);
    await expectAccessible(page);

    await page.getByRole("button", { name: "Import 3 users" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Import: ${fileName}` })).toBeVisible();
    // The instance's in-process worker reflects it within seconds.
    await expect.poll(async () => (await db.importBatch.findUniqueOrThrow({ where: { id } })).status, { timeout: 30_000 }).toBe("DONE");
    await page.reload();
    await expect(page.getByText("Status: Done")).toBeVisible();
    await expect(reportRow(page, 1)).toContainText("Added, welcome email queued");
    await expect(reportRow(page, 2)).toContainText("Added, welcome email queued");
    await expect(reportRow(page, 3)).toContainText("Transfer invitation queued");
    await expect(page.getByRole("button", { name: "Cancel the import" })).toHaveCount(0);
    await expectAccessible(page);

    // In the users list, invited, with the batch's product.
    await page.goto(`/people/users?q=${encodeURIComponent("léa roux")}`);
    const row = page.getByRole("row", { name: /Léa Roux/ });
    await expect(row).toContainText("Invited");
    await expect(row).toContainText("Remote Support");
    await expect(row).toContainText("Night shift");
    const created = await db.user.findMany({ where: { email: { in: [lea, tom] } }, orderBy: { email: "asc" }, include: { group: true } });
    expect(created.map((u) => ({ email: u.email, accountId: u.accountId, status: u.status, locale: u.locale, timeZone: u.timeZone, group: u.group?.name, role: u.role }))).toEqual([
      { email: lea, accountId: account.id, status: "INVITED", locale: "fr", timeZone: "Europe/Amsterdam", group: "Night shift", role: "MEMBER" },
      { email: tom, accountId: account.id, status: "INVITED", locale: "en", timeZone: "Europe/Amsterdam", group: "Night shift", role: "ADMIN" },
    ]);

    // Their emails, once each, in their language; nothing sent by SMTP here, so captured in the outbox.
    const mails = await db.outboxEmail.findMany({ where: { accountId: account.id }, orderBy: { recipient: "asc" } });
    expect(mails.map((m) => ({ to: m.recipient, kind: m.kind, locale: m.locale }))).toEqual([
      { to: lea, kind: "welcome", locale: "fr" },
      { to: olga.email, kind: "transferInvitation", locale: "en" },
      { to: tom, kind: "welcome", locale: "en" },
    ]);
    await page.goto("/settings/outbox");
    await expect(page.getByRole("row", { name: new RegExp(lea) })).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(tom) })).toBeVisible();

    await page.goto("/people/users/imports");
    const entry = page.getByRole("row", { name: new RegExp(fileName) });
    await expect(entry).toContainText("Done");
    await expect(entry).toContainText("3 imported, 0 failed, 0 waiting, 0 not imported");
    await expectAccessible(page);
    await context.close();
  });
});

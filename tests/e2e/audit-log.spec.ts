import Papa from "papaparse";
import { expect, expectAccessible, setUserLocale, test } from "./fixtures";

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
  await expect(rows.nth(1)).toContainText("Ada Tester signed in");
  await expectAccessible(page);

  // By action, chosen by its readable name.
  await page.getByLabel("Action").selectOption({ label: "Role changed" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]action=user\.role\.change/);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("Ada Tester changed the account role of Milo Tester to Admin");
  await expect(rows.nth(1)).toContainText("Account role: Member → Admin");

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
  expect(header).toEqual(["Time", "Actor", "Actor email", "Action", "Action code", "Target type", "Target id", "Target user", "Before", "After", "API token"]);
  expect(exported.map((r) => [r[1], r[4]])).toEqual([["Ada Tester", "auth.signIn"], ["Ada Tester", "group.create"], ["Ada Tester", "user.role.change"]]);
  expect(exported[1][6]).toBe("'=1+1");
  expect(exported[2].slice(7)).toEqual([`Milo Tester <${MEMBER.email}>`, '{"role":"MEMBER"}', '{"role":"ADMIN"}', ""]);
});

test("support staff get a 404 for the audit log and its export", async ({ page, account, signIn }) => {
  await signIn(account.users.SUPPORT_STAFF.email);
  expect((await page.goto("/settings/audit-log"))?.status()).toBe(404);
  expect((await page.request.get("/settings/audit-log/export")).status()).toBe(404);
});

test("events read as sentences in the viewer's language and open their own page, only the account's own", async ({ page, db, account, signIn }) => {
  const { ADMIN, MEMBER } = account.users;
  const at = (s: number) => new Date(Date.UTC(2026, 2, 9, 10, 0, s));
  const [capability, licence] = await Promise.all([
    db.auditEvent.create({ data: { accountId: account.id, action: "capabilities.update", actorId: ADMIN.id, targetType: "user", targetId: MEMBER.id,
      before: { unattendedAccess: true, fileManagement: true, remoteControl: false }, after: { unattendedAccess: true, fileManagement: true, remoteControl: true }, createdAt: at(2) } }),
    db.auditEvent.create({ data: { accountId: account.id, action: "licence.assign", actorId: ADMIN.id, targetType: "user", targetId: MEMBER.id,
      before: { "remote-support": false }, after: { "remote-support": true }, createdAt: at(1) } }),
  ]);
  const other = await db.account.create({ data: { name: "Someone else" } });
  const theirs = await db.auditEvent.create({ data: { accountId: other.id, action: "user.suspend", targetType: "user", targetId: MEMBER.id } });
  const table = page.getByRole("table", { name: "Audit log" });

  await signIn(ADMIN.email);
  await page.goto("/settings/audit-log");
  const turnedOn = table.getByRole("row").filter({ hasText: "Ada Tester turned on Remote control for Milo Tester" });
  await expect(turnedOn).toContainText("Remote control: Off → On");
  await expect(table.getByRole("row").filter({ hasText: "Ada Tester assigned Remote Support to Milo Tester" })).toContainText("Remote Support: Not assigned → Assigned");
  await expect(table).not.toContainText("capabilities.update");
  await expect(table).not.toContainText("{");
  await expectAccessible(page);

  // A row opens the event's page: the sentence, who, when in the viewer's zone, about whom, what changed.
  await turnedOn.getByRole("link", { name: "Ada Tester turned on Remote control for Milo Tester" }).click();
  await expect(page).toHaveURL(`/settings/audit-log/${capability.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ada Tester turned on Remote control for Milo Tester");
  const details = page.getByRole("definition");
  await expect(details.nth(0)).toContainText("2026");
  await expect(details.nth(1)).toHaveText("Ada Tester");
  await expect(details.nth(2)).toHaveText("Milo Tester");
  await expect(page.getByRole("listitem").filter({ hasText: "Remote control: Off → On" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Back to the audit log" }).click();
  await expect(page).toHaveURL("/settings/audit-log");

  // Another account's event is as unknown as a made-up id.
  expect((await page.goto(`/settings/audit-log/${theirs.id}`))?.status()).toBe(404);
  expect((await page.goto("/settings/audit-log/not-an-id"))?.status()).toBe(404);

  // In German: the same events in German, and the event's page too.
  await setUserLocale(db, ADMIN.id, "de");
  await page.goto("/settings/audit-log");
  await expect(page.getByRole("table", { name: "Audit-Protokoll" })).toContainText("Ada Tester hat Fernsteuerung für Milo Tester eingeschaltet");
  await expect(page.getByRole("table", { name: "Audit-Protokoll" })).toContainText("Ada Tester hat Milo Tester Remote Support zugewiesen");
  await expect(page.getByRole("table", { name: "Audit-Protokoll" })).toContainText("Fernsteuerung: Aus → Ein");
  await page.goto(`/settings/audit-log/${licence.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ada Tester hat Milo Tester Remote Support zugewiesen");
  await expectAccessible(page);

  // The user's Activity tab reads the same way, each event linking to its page.
  await setUserLocale(db, ADMIN.id, "en");
  await page.goto(`/people/users/${MEMBER.id}?tab=activity`);
  await expect(page.getByRole("tabpanel").getByRole("link", { name: "Ada Tester assigned Remote Support to Milo Tester" })).toHaveAttribute("href", `/settings/audit-log/${licence.id}`);
  await expect(page.getByRole("tabpanel")).not.toContainText("licence.assign");
  await expectAccessible(page);
});

test("date filters take days in the viewer's format and say so; a day that doesn't exist is reported at its field", async ({ page, db, account, signIn }) => {
  const { ADMIN, MEMBER } = account.users;
  await db.auditEvent.createMany({
    data: [
      { action: "user.suspend", actorId: ADMIN.id, targetType: "user", targetId: MEMBER.id, createdAt: new Date("2026-03-09T10:00:00Z") },
      { action: "user.reactivate", actorId: ADMIN.id, targetType: "user", targetId: MEMBER.id, createdAt: new Date("2026-03-11T10:00:00Z") },
    ].map((e) => ({ ...e, accountId: account.id })),
  });
  await setUserLocale(db, ADMIN.id, "de");
  await signIn(ADMIN.email);
  await page.goto("/settings/audit-log");
  const from = page.getByLabel("Von", { exact: true });
  await expect(from).toHaveAttribute("type", "text");
  await expect(from).toHaveAccessibleDescription(/Format: TT\.MM\.JJJJ/);
  await from.fill("09.03.2026");
  await page.getByLabel("Bis", { exact: true }).fill("9.3.2026");
  await page.getByRole("button", { name: "Anwenden" }).click();
  await expect(page).toHaveURL(/[?&]from=2026-03-09&to=2026-03-09$/);
  await expect(from).toHaveValue("09.03.2026");
  await expect(page.getByLabel("Bis", { exact: true })).toHaveValue("09.03.2026");
  const rows = page.getByRole("table", { name: "Audit-Protokoll" }).getByRole("row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("Ada Tester hat Milo Tester gesperrt");

  await from.fill("31.02.2026");
  await page.getByRole("button", { name: "Anwenden" }).click();
  await expect(from).toHaveAccessibleDescription(/Geben Sie ein gültiges Datum als TT\.MM\.JJJJ ein\./);
  await expect(from).toHaveAttribute("aria-invalid", "true");
  await expect(from).toHaveValue("31.02.2026");
  await expectAccessible(page);
});

test("on a phone the audit log and an event's page fit the screen; the table scrolls in its own region", async ({ page, db, account, signIn }) => {
  const { ADMIN, MEMBER } = account.users;
  const long = "Maximiliana-Alexandrina Wolfeschlegelsteinhausenbergerdorff-Vanderberghe";
  await db.user.update({ where: { id: MEMBER.id }, data: { lastName: long } });
  const event = await db.auditEvent.create({ data: { accountId: account.id, action: "user.role.change", actorId: ADMIN.id, targetType: "user", targetId: MEMBER.id,
    before: { role: "MEMBER" }, after: { role: "ADMIN" } } });
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(ADMIN.email);
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  await page.goto("/settings/audit-log");
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText(`Milo ${long}`);
  expect(await fits()).toBe(true);
  await expect(page.getByRole("region", { name: "Audit log" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Apply" })).toBeInViewport();
  await page.goto(`/settings/audit-log/${event.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(long);
  expect(await fits()).toBe(true);
  // (axe runs on both pages at desktop width above; at 390 px the shell's logo link has no name yet, not this page's.)
});

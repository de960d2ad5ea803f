// Scale-out: two web servers (`scripts/start.ts`, in-process workers off) and two `npm run worker`
// processes on one database, used through the browser at the same time. A session made on one
// server works on the other (same AUTH_SECRET), a concurrent add of the same address makes one
// user, an import committed on one server is reflected by the workers, a seat race never
// over-assigns, each email is queued and delivered once, and both servers show the same users.
import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { createAccount } from "../../lib/seed/accounts";
import { expect, expectAccessible, PASSWORD, test } from "./fixtures";
import { databaseClient, signInOn, startAppInstance, startWorkerInstance, type AppInstance, type WorkerInstance } from "./support/app-instance";
import { createSpecDatabase, type SpecDatabase } from "./support/spec-database";

test.describe.configure({ mode: "serial", timeout: 240_000 });

const t = crypto.randomBytes(3).toString("hex");
const address = (name: string) => `${name}-${t}@scale.example`;
/** The members the seat race is about: A asks for the first two, B for the other two, with 3 seats. */
const SEAT_HOLDERS = ["Mia", "Noa", "Oli", "Pia"] as const;

let database: SpecDatabase;
let db: PrismaClient;
let running: (AppInstance | WorkerInstance)[] = [];
let apps: AppInstance[] = [];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  database = await createSpecDatabase();
  db = databaseClient(database.url);
  // An account before the apps start, so they don't seed the demo one.
  await createAccount(db, {
    name: `Scale ${t}`, password: PASSWORD, seats: { "remote-support": 3 },
    users: [
      { email: address("ada"), firstName: "Ada", lastName: "Admin", role: "ADMIN" },
      ...SEAT_HOLDERS.map((firstName) => ({ email: address(firstName.toLowerCase()), firstName, lastName: "Seat", role: "MEMBER" as const })),
    ],
  });
  const env = {
    AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    IMPORT_REFLECTION_DELAY: "0s",
    ...(database.embedded && { DATABASE_POOL_SIZE: "4" }),
  };
  const web = { ...env, RUN_WORKERS: "false" };
  // All four at once, as replicas start (each app's start re-checks migrations: safe concurrently).
  const settled = await Promise.allSettled<AppInstance | WorkerInstance>([
    startAppInstance(web, { databaseUrl: database.url }),
    startAppInstance(web, { databaseUrl: database.url }),
    startWorkerInstance({ ...env, DATABASE_URL: database.url }),
    startWorkerInstance({ ...env, DATABASE_URL: database.url }),
  ]);
  running = settled.flatMap((r) => (r.status === "fulfilled" ? [r.value] : [])); // stopped by afterAll, even if one failed
  const failed = settled.find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
  apps = running.slice(0, 2) as AppInstance[];
});

test.afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
  await db?.$disconnect();
  await database?.drop();
});

const addUsersSummary = (page: Page) => page.getByRole("heading", { name: "What happened" });
const addedMeanwhile = (page: Page) => page.getByRole("alert").filter({ hasText: "Someone added one of these email addresses at the same time. Nothing was added: try again." });

/** Fills Add user with `emails` (one row each) and submits it; returns the submit click, for racing. */
async function prepareAddUsers(page: Page, emails: string[]) {
  await page.goto(`/people/users/new?rows=${emails.length}`);
  for (const [i, email] of emails.entries()) {
    const row = page.getByRole("group", { name: `User ${i + 1}`, exact: true });
    await row.getByLabel("First name").fill(email.split("-")[0]);
    await row.getByLabel("Work email").fill(email);
  }
  return () => page.getByRole("button", { name: "Add users", exact: true }).click();
}

/** Selects users on the filtered list and opens Add products for Remote Support; returns the confirm click. */
async function prepareAddProducts(page: Page, names: string[]) {
  await page.goto(`/people/users?q=${t}`);
  for (const name of names) await page.getByRole("checkbox", { name: `Select ${name}` }).check();
  await page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: "Add products" }).click();
  const dialog = page.getByRole("dialog", { name: "Add products" });
  await dialog.getByLabel("Product", { exact: true }).selectOption("remote-support");
  await expect(dialog.getByLabel("Send product change notification email")).toBeChecked();
  return () => dialog.getByRole("button", { name: "Add products" }).click();
}

test("two web servers and two workers on one database: sessions, adds, imports, seats and emails stay consistent", async ({ browser }) => {
  const [a, b] = apps;
  const contextA = await browser.newContext({ baseURL: a.base });
  const pageA = await contextA.newPage();
  await signInOn(pageA, address("ada"));
  // The cookie A signed, in a browser that never signed in on B: B accepts it (same AUTH_SECRET).
  const contextB = await browser.newContext({ baseURL: b.base, storageState: await contextA.storageState() });
  const pageB = await contextB.newPage();
  await pageB.goto("/");
  await expect(pageB).toHaveURL(`${b.base}/`);
  await expect(pageB.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
  await expectAccessible(pageB);

  // The same address added on both servers at once: one user. The other request either saw it
  // already (skipped) or raced it (refused whole, and the admin submits again).
  const shared = address("sam");
  const [alice, bob] = [address("alice"), address("bob")];
  const submitA = await prepareAddUsers(pageA, [shared, alice]);
  const submitB = await prepareAddUsers(pageB, [shared, bob]);
  await expectAccessible(pageA);
  await Promise.all([submitA(), submitB()]);
  const outcomes = [];
  for (const page of [pageA, pageB]) {
    await expect(addUsersSummary(page).or(addedMeanwhile(page))).toBeVisible({ timeout: 15_000 });
    const raced = await addedMeanwhile(page).isVisible();
    if (raced) await page.getByRole("button", { name: "Add users", exact: true }).click();
    await expect(addUsersSummary(page)).toBeVisible({ timeout: 15_000 });
    outcomes.push({ page, raced, summary: await page.getByRole("status").textContent() });
  }
  const winner = outcomes.find((o) => o.summary === "2 users added, 0 transfer invitations, 0 skipped.");
  const loser = outcomes.find((o) => o.summary === "1 user added, 0 transfer invitations, 1 skipped.");
  expect([winner?.raced, loser?.summary]).toEqual([false, "1 user added, 0 transfer invitations, 1 skipped."]);
  await expect(loser!.page.getByRole("row", { name: new RegExp(shared) })).toContainText("Already in this account: skipped");
  await expectAccessible(loser!.page);
  expect(await db.user.count({ where: { email: shared } })).toBe(1);
  expect(await db.user.count({ where: { email: { in: [alice, bob] } } })).toBe(2);

  // A CSV import committed on A is reflected by the worker processes (the web servers run none).
  const [ivy, jon] = [address("ivy"), address("jon")];
  await pageA.goto("/people/users/import");
  await expectAccessible(pageA);
  const csv = `First name,Last name,Email\r\nIvy,Import,${ivy}\r\nJon,Import,${jon}\r\n`;
  await pageA.getByLabel("CSV file").setInputFiles({ name: `scale-${t}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
  await pageA.getByRole("button", { name: "Check the file" }).click();
  await expect(pageA.getByRole("status")).toHaveText("2 rows are ready to import, 0 rows won't be imported (of 2).");
  const batchId = /([0-9a-f-]{36})$/.exec(pageA.url())![1];
  await pageA.getByRole("button", { name: "Import 2 users" }).click();
  await expect(pageA.getByRole("heading", { level: 1, name: `Import: scale-${t}.csv` })).toBeVisible();
  await expect.poll(async () => (await db.importBatch.findUniqueOrThrow({ where: { id: batchId } })).status, { timeout: 60_000 }).toBe("DONE");
  await pageB.goto(`/people/users/imports/${batchId}`); // the other server shows the same batch
  await expect(pageB.getByText("Status: Done")).toBeVisible();
  await expectAccessible(pageB);
  expect(await db.user.count({ where: { email: { in: [ivy, jon] }, status: "INVITED" } })).toBe(2);

  // Remote Support for two users on each server at once, with 3 seats: never more than 3 assigned;
  // here one request fits and the other is refused whole, whichever came first.
  const confirmA = await prepareAddProducts(pageA, ["Mia Seat", "Noa Seat"]);
  const confirmB = await prepareAddProducts(pageB, ["Oli Seat", "Pia Seat"]);
  await expectAccessible(pageB);
  await Promise.all([confirmA(), confirmB()]);
  const added = "Product added for 2 users.";
  const refused = "2 seats needed, 1 available. Nothing was changed.";
  const seatOutcomes = await Promise.all([pageA, pageB].map(async (page) => {
    const done = page.getByRole("status").filter({ hasText: added });
    const shortage = page.getByRole("dialog", { name: "Add products" }).getByRole("alert");
    await expect(done.or(shortage)).toBeVisible({ timeout: 15_000 });
    return (await done.isVisible()) ? added : (await shortage.textContent())!;
  }));
  expect([...seatOutcomes].sort()).toEqual([refused, added].sort());
  const holders = seatOutcomes[0] === added ? ["mia", "noa"] : ["oli", "pia"];
  const subscription = await db.subscription.findFirstOrThrow({ where: { account: { name: `Scale ${t}` }, product: { code: "remote-support" } }, include: { assignments: { include: { user: true } } } });
  expect(subscription.assignments.map((x) => x.user.email).sort()).toEqual(holders.map(address));
  expect(subscription.seatsUsed).toBe(2);
  expect(subscription.seatsUsed).toBeLessThanOrEqual(subscription.seatsPurchased);

  // Every email queued once (no recipient and kind twice), each delivered by one worker in one attempt.
  const expected = [
    ...[shared, alice, bob, ivy, jon].map((to) => `${to} welcome`),
    ...holders.map((h) => `${address(h)} productChange`),
  ].sort();
  const outbox = () => db.outboxEmail.findMany({ where: { account: { name: `Scale ${t}` } } });
  await expect.poll(async () => (await outbox()).map((m) => `${m.recipient} ${m.kind} ${m.status}`).sort(), { timeout: 60_000 })
    .toEqual(expected.map((mail) => `${mail} CAPTURED`));
  expect((await outbox()).map((m) => m.attempts)).toEqual(expected.map(() => 1));

  // The users list, filtered to this test's users, is the same on both servers.
  const rowsOn = async (page: Page) => {
    await page.goto(`/people/users?q=${t}`);
    const rows = page.getByRole("table", { name: "Users" }).getByRole("row");
    await expect(rows).toHaveCount(11); // the header and 10 users
    await expectAccessible(page);
    return rows.allInnerTexts();
  };
  const [listA, listB] = [await rowsOn(pageA), await rowsOn(pageB)];
  expect(listB).toEqual(listA);
  for (const h of holders) expect(listA.find((row) => row.includes(address(h)))).toContain("Remote Support");
  for (const email of [shared, alice, bob, ivy, jon]) expect(listA.filter((row) => row.includes(email))).toHaveLength(1);

  await contextA.close();
  await contextB.close();
});

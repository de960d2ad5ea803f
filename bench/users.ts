// Users list at scale: one account with 100,000 users on a fresh database of the machine's
// PostgreSQL, served by the built app (scripts/server.ts, workers off). Measures, warm and
// sequential: the first page, a deep keyset page (row ~99,900), searches, the raw cost of OFFSET
// against keyset, a bulk role change of 1,000 users, and the JavaScript the page transfers.
// The app must already be built (bench/run.ts calls buildIfNeeded() first).
import type { ChildProcess } from "node:child_process";
import type { Browser } from "@playwright/test";
import pg from "pg";
import { getDb } from "@/lib/db/client";
import { changeRole } from "@/lib/users/bulk";
import { parseUserListParams, userListHref } from "@/lib/users/list-params";
import { launchChromium, seedAdminAccount, signIn, startNext } from "./app";
import { asAction, loadActor } from "./as-action";
import type { Result } from "./result";
import { createBenchDatabase, percentile, round, stop } from "./support";

const USERS = 100_000;
const DEEP_OFFSET = 99_900; // rows before the deep page: it shows rows 99,901–99,950
const WARM_UP = 20;
const SAMPLES = 100;
const SEARCHES = [
  { q: "mull", what: "name fragment “mull” (Müller)" },
  { q: "zoe", what: "accent-folded “zoe” (Zoë, Zoé)" },
];

async function timedGet(url: string, cookie: string, mustContain?: string): Promise<number> {
  const t0 = performance.now();
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await response.text();
  const ms = performance.now() - t0;
  if (response.status !== 200) throw new Error(`GET ${url} → ${response.status} ${response.headers.get("location") ?? ""}`);
  if (mustContain && !body.includes(mustContain)) throw new Error(`GET ${url}: the page does not contain ${mustContain}`);
  return ms;
}

async function sampleGet(url: string, cookie: string, mustContain: string): Promise<{ p50: number; p95: number }> {
  await timedGet(url, cookie, mustContain); // checks the page once, with its content
  for (let i = 0; i < WARM_UP; i++) await timedGet(url, cookie);
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) times.push(await timedGet(url, cookie));
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) };
}

async function sampleSql(client: pg.Client, sql: string, params: unknown[], runs: number): Promise<number> {
  for (let i = 0; i < 5; i++) await client.query(sql, params);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await client.query(sql, params);
    times.push(performance.now() - t0);
  }
  return round(percentile(times, 50), 2);
}

/** The cursor lib/users/list.ts puts in a "Next" link: base64url of JSON [sort value, id]. */
const cursorOf = (value: string, id: string) => Buffer.from(JSON.stringify([value, id])).toString("base64url");

export async function benchUsers(serverUrl: string): Promise<Result[]> {
  const { url, drop } = await createBenchDatabase(serverUrl, "users");
  const sql = new pg.Client({ connectionString: url });
  let app: ChildProcess | undefined;
  let browser: Browser | undefined;
  const results: Result[] = [];
  try {
    await sql.connect();
    const { account, adminEmail, seedMs } = await seedAdminAccount(url, "users", USERS);
    results.push({ name: "users: seed 100,000 users into one account (seedBulkUsers, one transaction)", value: seedMs, unit: "ms", target: "report", pass: true });

    let base: string;
    ({ app, base } = await startNext(url));

    // Sign in in Chromium, then reuse the session cookie for plain timed requests.
    browser = await launchChromium();
    const { cookies, header: cookie } = await signIn(browser, base, adminEmail);

    // JavaScript transferred by /people/users on a fresh context (empty cache), compressed sizes.
    const pageContext = await browser.newContext({ baseURL: base });
    await pageContext.addCookies(cookies);
    const page = await pageContext.newPage();
    const scripts: Promise<number>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() !== "script") return;
      scripts.push(
        response.request().sizes().then(
          (sizes) => sizes.responseBodySize,
          async () => Number((await response.allHeaders())["content-length"] ?? 0),
        ),
      );
    });
    await page.goto("/people/users", { waitUntil: "load" });
    // Next prefetches links in view after load: wait for quiet, but not forever.
    await page.waitForLoadState("networkidle", { timeout: 15_000 }).catch(() => console.warn("users page: network not idle after 15 s"));
    if (!page.url().endsWith("/people/users")) throw new Error(`/people/users ended on ${page.url()}`);
    const jsBytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
    await pageContext.close();
    const jsKb = round(jsBytes / 1000);
    results.push({ name: `users page: JavaScript transferred (${scripts.length} scripts, compressed, empty cache)`, value: jsKb, unit: "kB", target: "≤ 170 kB", pass: jsKb <= 170 });

    // First page and a deep keyset page, in the default order (name, then id).
    const first = await sampleGet(`${base}${userListHref({})}`, cookie, "@bulk.example");
    results.push({ name: "users page 1 p50 (100,000 users, sequential, warm)", value: first.p50, unit: "ms", target: "report", pass: true });
    results.push({ name: "users page 1 p95 (100,000 users, sequential, warm)", value: first.p95, unit: "ms", target: "≤ 150 ms", pass: first.p95 <= 150 });

    const { rows: [edge] } = await sql.query<{ nameKey: string; id: string }>(
      `SELECT "nameKey", id FROM "User" WHERE "accountId" = $1 ORDER BY "nameKey", id OFFSET $2 LIMIT 1`,
      [account.id, DEEP_OFFSET - 1],
    );
    const deepParams = parseUserListParams({ after: cursorOf(edge.nameKey, edge.id) });
    const deep = await sampleGet(`${base}${userListHref(deepParams)}`, cookie, `rel="prev"`);
    results.push({ name: `users deep keyset page (after row ${DEEP_OFFSET.toLocaleString("en")}) p50`, value: deep.p50, unit: "ms", target: "report", pass: true });
    results.push({ name: `users deep keyset page (after row ${DEEP_OFFSET.toLocaleString("en")}) p95`, value: deep.p95, unit: "ms", target: "≤ 150 ms", pass: deep.p95 <= 150 });
    const ratio = round(deep.p95 / first.p95, 2);
    results.push({ name: "users deep page p95 / page 1 p95", value: ratio, unit: "×", target: "≤ 1.5", pass: ratio <= 1.5 });

    // What OFFSET would cost at the same depth, in SQL alone, against the keyset seek.
    const columns = `id, "firstName", "lastName", email, role, status, "createdAt", "groupId", "nameKey"`;
    const offsetMs = await sampleSql(sql,
      `SELECT ${columns} FROM "User" WHERE "accountId" = $1 ORDER BY "nameKey", id OFFSET ${DEEP_OFFSET} LIMIT 51`, [account.id], 30);
    const keysetMs = await sampleSql(sql,
      `SELECT ${columns} FROM "User" WHERE "accountId" = $1 AND ("nameKey", id) > ($2, $3::uuid) ORDER BY "nameKey", id LIMIT 51`,
      [account.id, edge.nameKey, edge.id], 30);
    results.push({ name: `users SQL: OFFSET ${DEEP_OFFSET.toLocaleString("en")} LIMIT 51 p50`, value: offsetMs, unit: "ms", target: "report", pass: true });
    results.push({ name: "users SQL: keyset (row comparison) at the same row, LIMIT 51 p50", value: keysetMs, unit: "ms", target: "report", pass: true });

    for (const search of SEARCHES) {
      const result = await sampleGet(`${base}${userListHref({ q: search.q })}`, cookie, "@bulk.example");
      results.push({ name: `users search ${search.what} p95`, value: result.p95, unit: "ms", target: "≤ 200 ms", pass: result.p95 <= 200 });
    }

    // Bulk role change of 1,000 ticked users, as the server action runs it: one transaction with
    // its audit events. Alternates MEMBER → SUPPORT_STAFF on fresh sets of members; median of 5.
    const actor = await loadActor(adminEmail);
    const members = await getDb().user.findMany({
      where: { accountId: account.id, role: "MEMBER" },
      select: { id: true },
      orderBy: { createdAt: "desc" },
      take: 6000,
    });
    const bulkTimes: number[] = [];
    for (let run = 0; run < 6; run++) {
      const ids = members.slice(run * 1000, (run + 1) * 1000).map((m) => m.id);
      const t0 = performance.now();
      const { count } = await asAction(actor, (ctx) => changeRole(ctx, { mode: "ids", ids }, ids.length, "SUPPORT_STAFF"));
      if (count !== 1000) throw new Error(`changeRole changed ${count} users, not 1,000`);
      if (run > 0) bulkTimes.push(performance.now() - t0); // the first run warms up
    }
    const bulkMs = round(percentile(bulkTimes, 50));
    results.push({ name: "users bulk change role of 1,000 selected users (one transaction, audit included) median", value: bulkMs, unit: "ms", target: "≤ 1000 ms", pass: bulkMs <= 1000 });
    return results;
  } finally {
    await browser?.close().catch(() => undefined);
    if (app) await stop(app);
    await sql.end().catch(() => undefined);
    await drop();
  }
}

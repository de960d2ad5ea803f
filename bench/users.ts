// Users list at scale: one account with N users (100,000 by default, `--users 1000000` for issue
// 21) on a fresh database of the machine's PostgreSQL, served by the built app (scripts/server.ts,
// workers off). Measures, warm and sequential: page 1 and a deep keyset page (row ~N-100) for each
// sort, each filter alone, searches, the home page and the audit log, the raw cost of OFFSET
// against keyset, the REST API's users list (page 1 and a deep cursor), the users export (time and the server's memory), a bulk role change of 1,000
// users, the bulk jobs over all matching users (bench/bulk-jobs.ts), and the JavaScript the page transfers.
// The app must already be built (bench/run.ts calls buildIfNeeded() first).
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import type { Browser } from "@playwright/test";
import pg from "pg";
import { newSecret, secretDigest } from "@/lib/api-tokens/secret";
import { getDb } from "@/lib/db/client";
import { changeRole } from "@/lib/users/bulk";
import { parseUserListParams, userListHref, type UserListParams, type UserSort } from "@/lib/users/list-params";
import { launchChromium, seedAdminAccount, signIn, startNext } from "./app";
import { asAction, loadActor } from "./as-action";
import { benchBulkJob } from "./bulk-jobs";
import { benchScim } from "./scim";
import type { Result } from "./result";
import { createBenchDatabase, percentile, round, stop } from "./support";

const SEARCHES = [
  { q: "zoe", what: "common, accent-folded “zoe” (Zoë, Zoé)" },
  { q: "mull", what: "rare name fragment “mull” (Müller)" },
];
/** The column each sort orders by, then id. */
const SORT_COLUMNS: Record<UserSort, string> = { name: `"nameKey"`, email: "email", created: `"createdAt"` };

async function timedGet(url: string, cookie: string, mustContain?: string): Promise<number> {
  const t0 = performance.now();
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await response.text();
  const ms = performance.now() - t0;
  if (response.status !== 200) throw new Error(`GET ${url} → ${response.status} ${response.headers.get("location") ?? ""}`);
  if (mustContain && !body.includes(mustContain)) throw new Error(`GET ${url}: the page does not contain ${mustContain}`);
  return ms;
}

async function sampleSql(client: pg.Client, sql: string, params: unknown[], runs: number): Promise<number> {
  for (let i = 0; i < 3; i++) await client.query(sql, params);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await client.query(sql, params);
    times.push(performance.now() - t0);
  }
  return round(percentile(times, 50), 2);
}

/** The cursor lib/users/list.ts puts in a "Next" link: base64url of JSON [sort value, id]. */
const cursorOf = (value: string | Date, id: string) =>
  Buffer.from(JSON.stringify([value instanceof Date ? value.toISOString() : value, id])).toString("base64url");

/** The resident memory of a process, in MB. */
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

/** Downloads the users export, counting its bytes and lines while polling the server's memory every 50 ms. */
async function timedExport(base: string, cookie: string, pid: number) {
  const baseline = rssMb(pid);
  let peak = baseline;
  const poll = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
  try {
    const t0 = performance.now();
    const response = await fetch(`${base}/people/users/export`, { headers: { cookie } });
    if (response.status !== 200 || !response.body) throw new Error(`GET /people/users/export → ${response.status}`);
    let bytes = 0;
    let lines = 0;
    const reader = response.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      const chunk = read.value;
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    }
    return { ms: performance.now() - t0, bytes, lines, growthMb: Math.max(peak, rssMb(pid)) - baseline };
  } finally {
    clearInterval(poll);
  }
}

export async function benchUsers(serverUrl: string, users = 100_000): Promise<Result[]> {
  const at = `(${users.toLocaleString("en")} users)`;
  const large = users >= 500_000;
  const warmUp = large ? 5 : 20;
  const samples = large ? 40 : 100;
  const { url, drop } = await createBenchDatabase(serverUrl, "users");
  const sql = new pg.Client({ connectionString: url });
  let app: ChildProcess | undefined;
  let browser: Browser | undefined;
  const results: Result[] = [];
  const report = (name: string, value: number, unit: string, target: string, pass: boolean) =>
    results.push({ name, value, unit, target, pass });

  try {
    await sql.connect();
    const { account, adminEmail, seedMs } = await seedAdminAccount(url, "users", users);
    const seedS = round(seedMs / 1000);
    report(`users: seed ${users.toLocaleString("en")} users into one account (seedBulkUsers, one transaction)`, seedS, "s", "≤ 60 s", seedS <= 60);
    const { rows: [counts] } = await sql.query<{ total: number; counted: number }>(
      `SELECT (SELECT count(*)::int FROM "User" WHERE "accountId" = $1) AS total,
              (SELECT sum(delta)::int FROM "UserCountDelta" WHERE "accountId" = $1 AND key = 'all') AS counted`,
      [account.id],
    );
    report(`users: count(*) − the count kept by the triggers after seeding ${at}`, counts.total - counts.counted, "users", "0", counts.total === counts.counted);

    let base: string;
    ({ app, base } = await startNext(url));

    // Sign in in Chromium, then reuse the session cookie for plain timed requests.
    browser = await launchChromium();
    const { cookies, header: cookie } = await signIn(browser, base, adminEmail);

    const sampleGet = async (params: Partial<UserListParams> | string, mustContain?: string) => {
      const target = `${base}${typeof params === "string" ? params : userListHref(params)}`;
      await timedGet(target, cookie, mustContain); // checks the page once, with its content
      for (let i = 0; i < warmUp; i++) await timedGet(target, cookie);
      const times: number[] = [];
      for (let i = 0; i < samples; i++) times.push(await timedGet(target, cookie));
      return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) };
    };
    const reportP50P95 = (what: string, timed: { p50: number; p95: number }, goal: number) => {
      report(`${what} p50 ${at}`, timed.p50, "ms", "report", true);
      report(`${what} p95 ${at}`, timed.p95, "ms", `≤ ${goal} ms`, timed.p95 <= goal);
    };

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
    report(`users page: JavaScript transferred (${scripts.length} scripts, compressed, empty cache)`, jsKb, "kB", "≤ 170 kB", jsKb <= 170);

    // Page 1 and a deep keyset page (after the row ~100 from the end) for each sort.
    for (const sort of ["name", "email", "created"] as const) {
      const first = await sampleGet({ sort }, "@bulk.example");
      reportP50P95(`users page 1 sorted by ${sort}`, first, 150);
      const column = SORT_COLUMNS[sort];
      const { rows: [edge] } = await sql.query<{ value: string | Date; id: string }>(
        `SELECT ${column} AS value, id FROM "User" WHERE "accountId" = $1 ORDER BY ${column}, id OFFSET $2 LIMIT 1`,
        [account.id, counts.total - 100],
      );
      const deep = await sampleGet(parseUserListParams({ sort, after: cursorOf(edge.value, edge.id) }), `rel="prev"`);
      reportP50P95(`users deep keyset page sorted by ${sort} (after row ${(counts.total - 100).toLocaleString("en")})`, deep, 150);
      const ratio = round(deep.p95 / first.p95, 2);
      report(`users deep page p95 / page 1 p95 sorted by ${sort} ${at}`, ratio, "×", "≤ 1.5", ratio <= 1.5);
    }

    // What OFFSET would cost at the same depth, in SQL alone, against the keyset seek.
    const deepOffset = counts.total - 100;
    const { rows: [edge] } = await sql.query<{ nameKey: string; id: string }>(
      `SELECT "nameKey", id FROM "User" WHERE "accountId" = $1 ORDER BY "nameKey", id OFFSET $2 LIMIT 1`,
      [account.id, deepOffset - 1],
    );
    const columns = `id, "firstName", "lastName", email, role, status, "createdAt", "groupId", "nameKey"`;
    const offsetMs = await sampleSql(sql,
      `SELECT ${columns} FROM "User" WHERE "accountId" = $1 ORDER BY "nameKey", id OFFSET ${deepOffset} LIMIT 51`, [account.id], large ? 5 : 30);
    const keysetMs = await sampleSql(sql,
      `SELECT ${columns} FROM "User" WHERE "accountId" = $1 AND ("nameKey", id) > ($2, $3::uuid) ORDER BY "nameKey", id LIMIT 51`,
      [account.id, edge.nameKey, edge.id], 30);
    report(`users SQL: OFFSET ${deepOffset.toLocaleString("en")} LIMIT 51 p50 ${at}`, offsetMs, "ms", "report", true);
    report(`users SQL: keyset (row comparison) at the same row, LIMIT 51 p50 ${at}`, keysetMs, "ms", "report", true);

    // Each filter alone, in the default order. The seed gives no one a second factor: twoStep=on
    // is the filter that matches (almost) no one.
    const { rows: [group] } = await sql.query<{ id: string; name: string }>(
      `SELECT id, name FROM "UserGroup" WHERE "accountId" = $1 ORDER BY name LIMIT 1`, [account.id]);
    const filters: { label: string; params: Partial<UserListParams>; mustContain?: string }[] = [
      { label: "status=SUSPENDED", params: { status: "SUSPENDED" }, mustContain: "@bulk.example" },
      { label: "status=TRANSFER_PENDING", params: { status: "TRANSFER_PENDING" }, mustContain: "@bulk.example" },
      { label: "role=ADMIN", params: { role: "ADMIN" }, mustContain: "@bulk.example" },
      { label: "role=ACCOUNT_HOLDER", params: { role: "ACCOUNT_HOLDER" }, mustContain: "holder@bench-users.example" },
      { label: "product=central", params: { product: "central" }, mustContain: "@bulk.example" },
      { label: `group=${group.name}`, params: { group: group.id }, mustContain: "@bulk.example" },
      { label: "group=none", params: { group: "none" }, mustContain: "@bulk.example" },
      { label: "twoStep=on", params: { twoStep: "on" } },
    ];
    for (const filter of filters) reportP50P95(`users filter ${filter.label}`, await sampleGet(filter.params, filter.mustContain), 150);

    // Search: a common term, a rare one, and one that matches a single user (a full email).
    const { rows: [one] } = await sql.query<{ email: string }>(
      `SELECT email FROM "User" WHERE "accountId" = $1 AND email LIKE '%@bulk.example' ORDER BY id LIMIT 1`, [account.id]);
    for (const search of [...SEARCHES, { q: one.email, what: "very rare: one user's full email" }]) {
      reportP50P95(`users search ${search.what}`, await sampleGet({ q: search.q }, search.q === one.email ? one.email : "@bulk.example"), 200);
    }

    // The REST API's users list (issue 17): page 1 and a deep cursor, with an API token of the admin.
    const secret = newSecret();
    await sql.query(
      `INSERT INTO "ApiToken" (id, "accountId", name, "secretHash", "roleCeiling", "createdById") SELECT gen_random_uuid(), $1, 'bench', $2, 'ADMIN', id FROM "User" WHERE email = $3`,
      [account.id, secretDigest(secret), adminEmail],
    );
    const sampleApi = async (path: string) => {
      const get = async () => {
        const t0 = performance.now();
        const response = await fetch(`${base}/api/v1${path}`, { headers: { authorization: `Bearer ${secret}` } });
        const body = await response.text();
        if (response.status !== 200 || !body.includes("@bulk.example")) throw new Error(`GET /api/v1${path} → ${response.status} ${body.slice(0, 200)}`);
        return performance.now() - t0;
      };
      for (let i = 0; i < warmUp; i++) await get();
      const times: number[] = [];
      for (let i = 0; i < samples; i++) times.push(await get());
      return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) };
    };
    const { rows: [apiEdge] } = await sql.query<{ value: string; id: string }>(
      `SELECT "nameKey" AS value, id FROM "User" WHERE "accountId" = $1 ORDER BY "nameKey", id OFFSET $2 LIMIT 1`,
      [account.id, counts.total - 100],
    );
    const apiFirst = await sampleApi("/users");
    reportP50P95("REST GET /api/v1/users page 1", apiFirst, 60);
    const apiDeep = await sampleApi(`/users?after=${cursorOf(apiEdge.value, apiEdge.id)}`);
    reportP50P95(`REST GET /api/v1/users deep cursor (after row ${(counts.total - 100).toLocaleString("en")})`, apiDeep, 60);
    const apiRatio = round(apiDeep.p95 / apiFirst.p95, 2);
    report(`REST users deep cursor p95 / page 1 p95 ${at}`, apiRatio, "×", "≤ 1.5", apiRatio <= 1.5);

    reportP50P95("home page /", await sampleGet("/"), 100);
    reportP50P95("audit log /settings/audit-log", await sampleGet("/settings/audit-log"), 150);

    // The export of every user: time, size, and how much the server's memory grows while it streams.
    const exported = await timedExport(base, cookie, app.pid!);
    const exportS = round(exported.ms / 1000);
    report(`users export, every user ${at}: total time`, exportS, "s", "≤ 60 s", exportS <= 60);
    report(`users export, every user ${at}: size`, round(exported.bytes / 1e6), "MB", "report", true);
    report(`users export, every user ${at}: lines (header + one per user)`, exported.lines, "lines", `= ${counts.total + 1}`, exported.lines === counts.total + 1);
    const growth = round(exported.growthMb);
    report(`users export, every user ${at}: server peak RSS growth`, growth, "MB", "≤ 100 MB", growth <= 100);

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
    try {
      for (let run = 0; run < 6; run++) {
        const ids = members.slice(run * 1000, (run + 1) * 1000).map((m) => m.id);
        const t0 = performance.now();
        const { count } = await asAction(actor, (ctx) => changeRole(ctx, { mode: "ids", ids }, ids.length, "SUPPORT_STAFF"));
        if (count !== 1000) throw new Error(`changeRole changed ${count} users, not 1,000`);
        if (run > 0) bulkTimes.push(performance.now() - t0); // the first run warms up
      }
    } catch (error) {
      // e.g. past Prisma's 5-second transaction timeout on a loaded machine: a failed row, not a lost run.
      console.error(error);
    }
    const bulkMs = bulkTimes.length === 5 ? round(percentile(bulkTimes, 50)) : NaN;
    report(`users bulk change role of 1,000 selected users (one transaction, audit included) median ${at}`, bulkMs, "ms", "≤ 1000 ms", bulkMs <= 1000);

    // SCIM: lookups by userName, then 1,000 users provisioned by 4 clients (bench/scim.ts), with
    // the REST token narrowed to SCIM (the app's rate limit is lifted for the benchmarks: bench/app.ts).
    await sql.query(`UPDATE "ApiToken" SET scopes = ARRAY['SCIM']::"ApiTokenScope"[] WHERE "secretHash" = $1`, [secretDigest(secret)]);
    results.push(...(await benchScim(base, secret, sql, account.id, at)));

    results.push(...(await benchBulkJob(account, actor, users)));
    return results;
  } finally {
    await browser?.close().catch(() => undefined);
    if (app) await stop(app);
    await sql.end().catch(() => undefined);
    await drop();
  }
}

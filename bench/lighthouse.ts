// Lighthouse 12, performance and accessibility, on the pages an admin of an account with 100,000
// users works in: the users list, Add user and Import, with the desktop preset and with Lighthouse's
// default mobile one (a mid-range phone's screen, 4× slower CPU, simulated slow 4G). The built app
// runs on a fresh database of the machine's PostgreSQL; Lighthouse drives its own headless Chromium
// (chrome-launcher) with the admin's session cookie as an extra header. Five runs per page and preset
// (BENCH_LIGHTHOUSE_RUNS): the median performance score and the worst accessibility score are
// recorded; the median run's report is written to bench/results/lighthouse-<preset>-<page>.json and
// what holds the scores down is printed.
// The app must already be built (bench/run.ts calls buildIfNeeded() first).
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { type Result as LighthouseReport } from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { seedAdminAccount, sessionCookie, startNext } from "./app";
import type { Result } from "./result";
import { createBenchDatabase, stop } from "./support";

const USERS = 100_000;
const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 5);
/** Each preset with its performance target (mobile's simulated phone and network cost more than a desktop's). */
const PRESETS = [
  { name: "desktop", config: desktopConfig, performanceTarget: 95 },
  { name: "mobile", config: undefined, performanceTarget: 90 }, // Lighthouse's default configuration is the mobile one
] as const;
const PAGES = [
  { path: "/people/users", what: "users list", slug: "users-list" },
  { path: "/people/users/new", what: "add user", slug: "add-user" },
  { path: "/people/users/import", what: "import", slug: "import" },
];

const score = (report: LighthouseReport, category: string) => Math.round((report.categories[category]?.score ?? 0) * 100);

/** What keeps a report below 100: failing accessibility audits, and performance metrics and savings. */
function findings(report: LighthouseReport): string[] {
  const lines: string[] = [];
  for (const ref of report.categories.accessibility?.auditRefs ?? []) {
    const audit = report.audits[ref.id];
    if (ref.weight === 0 || audit.score === null || audit.score === 1) continue;
    const items = (audit.details as { items?: { node?: { snippet?: string } }[] } | undefined)?.items ?? [];
    lines.push(`a11y ✗ ${audit.id}: ${audit.title} — ${items.map((item) => item.node?.snippet).filter(Boolean).slice(0, 3).join(" ")}`);
  }
  const metrics = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index", "server-response-time"];
  lines.push(`perf metrics: ${metrics.map((id) => `${id} ${report.audits[id]?.displayValue ?? "?"} (${report.audits[id]?.score ?? "?"})`).join(", ")}`);
  for (const ref of report.categories.performance?.auditRefs ?? []) {
    const audit = report.audits[ref.id];
    if (ref.weight > 0 || audit.score === null || audit.score >= 0.9 || audit.scoreDisplayMode === "informative") continue;
    lines.push(`perf ✗ ${audit.id}: ${audit.title}${audit.displayValue ? ` — ${audit.displayValue}` : ""}`);
  }
  return lines;
}

/** One Lighthouse run on `url` (signed in by `cookie`), refused if it ended anywhere else. */
async function audit(url: string, port: number, cookie: string, config: typeof desktopConfig | undefined): Promise<LighthouseReport> {
  const runner = await lighthouse(url, { port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"], extraHeaders: { Cookie: cookie } }, config);
  const report = runner?.lhr;
  const path = new URL(url).pathname;
  if (!report) throw new Error(`Lighthouse returned no report for ${path}`);
  if (report.runtimeError) throw new Error(`Lighthouse on ${path}: ${report.runtimeError.code} ${report.runtimeError.message}`);
  if (new URL(report.finalDisplayedUrl).pathname !== path) throw new Error(`${path} ended on ${report.finalDisplayedUrl} (not signed in?)`);
  return report;
}

export async function benchLighthouse(serverUrl: string): Promise<Result[]> {
  const { url, drop } = await createBenchDatabase(serverUrl, "lighthouse");
  let app: ChildProcess | undefined;
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  const results: Result[] = [];
  try {
    const { adminEmail } = await seedAdminAccount(url, "lighthouse", USERS);
    let base: string;
    ({ app, base } = await startNext(url));
    const cookie = await sessionCookie(base, adminEmail);

    chrome = await chromeLauncher.launch({
      chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
      chromeFlags: ["--headless=new", "--no-sandbox"],
    });
    fs.mkdirSync("bench/results", { recursive: true });
    for (const page of PAGES) {
      // The server's first render of a route loads its code: not what a user of a running app waits for.
      for (let i = 0; i < 3; i++) await fetch(`${base}${page.path}`, { headers: { cookie } }).then((r) => r.text());
      for (const preset of PRESETS) {
        const reports: LighthouseReport[] = [];
        for (let run = 0; run < RUNS; run++) reports.push(await audit(`${base}${page.path}`, chrome.port, cookie, preset.config));
        reports.sort((a, b) => score(a, "performance") - score(b, "performance"));
        const median = reports[Math.floor(RUNS / 2)];
        const performance = score(median, "performance");
        const accessibility = Math.min(...reports.map((report) => score(report, "accessibility")));
        fs.writeFileSync(`bench/results/lighthouse-${preset.name}-${page.slug}.json`, JSON.stringify(median, null, 2));
        console.log(`Lighthouse ${preset.name} ${page.path}: performance ${reports.map((r) => score(r, "performance")).join(", ")}`);
        for (const line of findings(median)) console.log(`  ${line}`);
        results.push({ name: `Lighthouse performance (${preset.name}, median of ${RUNS}) — ${page.what}`, value: performance, unit: "score", target: `≥ ${preset.performanceTarget}`, pass: performance >= preset.performanceTarget });
        results.push({ name: `Lighthouse accessibility (${preset.name}, worst of ${RUNS}) — ${page.what}`, value: accessibility, unit: "score", target: "100", pass: accessibility === 100 });
      }
    }
    return results;
  } finally {
    await chrome?.kill();
    if (app) await stop(app);
    await drop();
  }
}

// `npm run bench`: measures, never asserts. Writes bench/results/latest.json:
// [{ name, value, unit, target, pass, machine, commit, date }].
// Builds the app first if it is missing or stale, outside the timings.
import { spawn } from "node:child_process";
import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../scripts/free-port";
import { renderEmail } from "@/lib/mail/render";
import { buildIfNeeded } from "../scripts/build-if-needed";
import { embeddedTemplate } from "@/lib/db/embedded-template";
import { benchAddUsers } from "./add-users";
import { benchImports } from "./imports";
import { benchLicences } from "./licences";
import { benchJsSize } from "./js-size";
import { benchLighthouse } from "./lighthouse";
import { benchLoad } from "./load";
import { benchOutboxDrain } from "./outbox-drain";
import { benchPasswordReset } from "./password-reset";
import { benchOidcSignIn } from "./sso-oidc";
import { benchSamlValidation } from "./sso-saml";
import { benchTwoStepSignIn } from "./two-step-sign-in";
import { benchUsers } from "./users";
import type { Result } from "./result";
import { percentile, stop, waitHealthy } from "./support";

// Benchmarks that need a real PostgreSQL server create (and drop) their own database on it.
const postgresServer = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

const results: Result[] = [];
const record = (r: Result) => {
  results.push(r);
  console.log(`${r.pass ? "✓" : "✗"} ${r.name}: ${r.value} ${r.unit} (target ${r.target})`);
};

/** `--name value` or `--name=value` on the command line. */
function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

// `npm run bench -- --only lighthouse,load` (or BENCH_ONLY=lighthouse,load) runs only those (names
// below); the report then holds only their results. "lighthouse" includes the JS per route ("js-size").
const only = (flag("only") ?? process.env.BENCH_ONLY)?.split(",").map((name) => name.trim());
const selected = (name: string) => !only || only.includes(name) || (name === "js-size" && only.includes("lighthouse"));

// `--users 1000000` (or BENCH_USERS=1000000): the size of the account the users benchmark seeds.
const users = Number(flag("users") ?? process.env.BENCH_USERS ?? 100_000);
if (!Number.isInteger(users) || users < 1) throw new Error("--users must be a positive whole number");

process.env.NEXT_TELEMETRY_DISABLED = "1";

// 0. Email rendering: 1,000 emails across kinds and languages, time per email.
if (selected("email")) {
  const kinds = ["welcome", "transferInvitation", "productChange"] as const;
  const locales = ["en", "fr", "it", "de", "es", "pt", "nl"] as const;
  const variables = {
    firstName: "Chloé", accountName: "Acme IT", inviterName: "Sam Admin",
    invitationUrl: "https://admin.example/invitations/0123456789abcdef", expiresAt: new Date(),
    productNames: ["LogMeIn Central", "Remote Support"],
  };
  const times: number[] = [];
  for (let i = 0; i < 1100; i++) {
    const t0 = performance.now();
    renderEmail({ kind: kinds[i % 3], locale: locales[i % 7], timeZone: "Europe/Paris", variables });
    if (i >= 100) times.push(performance.now() - t0); // the first 100 warm up
  }
  times.sort((a, b) => a - b);
  const p95 = Math.round(percentile(times, 95) * 1000) / 1000;
  record({ name: "email render p95 (1,000 emails, 3 kinds × 7 languages)", value: p95, unit: "ms", target: "≤ 5 ms", pass: p95 <= 5 });
}
if (selected("outbox")) for (const result of await benchOutboxDrain(postgresServer)) record(result);
if (selected("licences")) for (const result of await benchLicences(postgresServer)) record(result);
if (selected("add-users")) for (const result of await benchAddUsers(postgresServer)) record(result);
if (selected("imports")) for (const result of await benchImports(postgresServer)) record(result);
if (selected("password-reset")) for (const result of await benchPasswordReset(postgresServer)) record(result);
if (selected("two-step-sign-in")) for (const result of await benchTwoStepSignIn(postgresServer)) record(result);
if (selected("sso")) for (const result of [...(await benchSamlValidation()), ...(await benchOidcSignIn(postgresServer))]) record(result);
await buildIfNeeded(); // outside the timed cold start, as is the embedded database template (a build artifact too)
if (selected("cold-start")) await embeddedTemplate();

// 1. Cold start on the embedded database: fresh data directory (migrate + seed), app already built.
if (selected("cold-start")) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "central-admin-bench-"));
  const port = await freePort();
  const { DATABASE_URL: _ignored, ...inherited } = process.env; // measure the embedded database
  const env = { ...inherited, PORT: String(port), DATA_DIR: dataDir };
  const started = performance.now();
  const app = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], { env, stdio: "ignore" });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(`${base}/api/health`, Date.now() + 180_000);
    const coldStart = Math.round(performance.now() - started);
    record({
      name: "cold start to first healthy response (embedded DB, fresh data dir, built app and database template)",
      value: coldStart,
      unit: "ms",
      target: "≤ 5000 ms",
      pass: coldStart <= 5000,
    });

    // 2. Sign-in page latency under a short local load: 10 concurrent clients, 10 s.
    for (let i = 0; i < 20; i++) await fetch(`${base}/sign-in`).then((r) => r.text()); // warm up
    const latencies: number[] = [];
    let errors = 0;
    const until = Date.now() + 10_000;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (Date.now() < until) {
          const t0 = performance.now();
          const response = await fetch(`${base}/sign-in`, { headers: { "accept-language": "fr" } });
          await response.text();
          if (!response.ok) errors++;
          latencies.push(performance.now() - t0);
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    const p50 = Math.round(percentile(latencies, 50) * 10) / 10;
    const p95 = Math.round(percentile(latencies, 95) * 10) / 10;
    record({ name: "sign-in page p50 latency (10 concurrent clients, 10 s)", value: p50, unit: "ms", target: "≤ 100 ms", pass: p50 <= 100 });
    record({ name: "sign-in page p95 latency (10 concurrent clients, 10 s)", value: p95, unit: "ms", target: "≤ 250 ms", pass: p95 <= 250 });
    record({ name: "sign-in page throughput (10 concurrent clients, 10 s)", value: Math.round(latencies.length / 10), unit: "req/s", target: "report", pass: true });
    record({ name: "sign-in page errors under load", value: errors, unit: "responses", target: "0", pass: errors === 0 });
  } finally {
    await stop(app);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// 3. Users list at 100,000 users (or --users N) on the local PostgreSQL, served by the app built above.
if (selected("users")) for (const result of await benchUsers(postgresServer, users)) record(result);

// 4. First-load JS per route from the build, then Lighthouse (desktop and mobile) on the users list,
// Add user and Import, signed in as an admin.
if (selected("js-size")) for (const result of benchJsSize()) record(result);
if (selected("lighthouse")) for (const result of await benchLighthouse(postgresServer)) record(result);

// 5. The users list under 20 concurrent clients, served by one app process, then by two.
if (selected("load")) for (const result of await benchLoad(postgresServer)) record(result);

const commit = (() => {
  try {
    return execSync("git rev-parse HEAD", { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
})();
const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
const date = new Date().toISOString();
// An array of results, each carrying the machine, commit and date it was measured on.
const report = results.map((result) => ({ ...result, machine, commit, date }));
fs.mkdirSync("bench/results", { recursive: true });
fs.writeFileSync("bench/results/latest.json", `${JSON.stringify(report, null, 2)}\n`);
console.log("Wrote bench/results/latest.json");

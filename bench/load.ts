// The users list under load: an admin's session, an account with 100,000 users on a fresh database
// of the machine's PostgreSQL, 20 concurrent clients (plain fetch loops) for 30 s on /people/users.
// First one web server process, then two on the same database and AUTH_SECRET with the clients
// spread round-robin over both: what a second process buys on this machine (the load generator
// runs here too, so on 2 cores the ratio may well be near 1).
// The app must already be built (bench/run.ts calls buildIfNeeded() first).
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { seedAdminAccount, sessionCookie, startNext } from "./app";
import type { Result } from "./result";
import { createBenchDatabase, percentile, round, stop } from "./support";

const USERS = 100_000;
const CLIENTS = 20;
const SECONDS = 30;
const PATH = "/people/users";

interface Load {
  requests: number;
  errors: number;
  p95: number;
  throughput: number;
  /** CPU time the app processes spent per request (Linux /proc), steadier than latency on a busy machine. */
  cpuPerRequest?: number;
}

/** User + system CPU time of a process so far, in ms; undefined where there is no /proc. */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}
const appsCpuMs = (apps: ChildProcess[]) => apps.reduce<number | undefined>((sum, app) => {
  const ms = cpuMs(app.pid);
  return sum === undefined || ms === undefined ? undefined : sum + ms;
}, 0);

/** `CLIENTS` loops, client i on `bases[i % bases.length]`; a non-200 or a network error is an error. */
async function load(bases: string[], apps: ChildProcess[], cookie: string): Promise<Load> {
  const latencies: number[] = [];
  let errors = 0;
  console.log(`load on ${bases.length} app process(es), machine load average ${os.loadavg()[0].toFixed(1)}`);
  const cpuBefore = appsCpuMs(apps);
  const started = performance.now();
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      const url = `${bases[client % bases.length]}${PATH}`;
      while (Date.now() < until) {
        const t0 = performance.now();
        try {
          const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
          await response.text();
          if (response.status !== 200) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = appsCpuMs(apps);
  const cpuPerRequest = cpuBefore === undefined || cpuAfter === undefined ? undefined : round((cpuAfter - cpuBefore) / latencies.length);
  return { requests: latencies.length, errors, p95: round(percentile(latencies, 95)), throughput: round(latencies.length / seconds), cpuPerRequest };
}

async function warmUp(base: string, cookie: string) {
  const response = await fetch(`${base}${PATH}`, { headers: { cookie }, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200 || !body.includes("@bulk.example")) throw new Error(`GET ${base}${PATH} → ${response.status}: not the users list`);
  for (let i = 0; i < 20; i++) await fetch(`${base}${PATH}`, { headers: { cookie } }).then((r) => r.text());
}

function loadResults(processes: string, run: Load): Result[] {
  const errorRate = round((run.errors / run.requests) * 100, 2);
  const label = `users page under load, ${processes} (${CLIENTS} clients, ${SECONDS} s, ${USERS.toLocaleString("en")} users)`;
  return [
    { name: `${label}: error rate (${run.errors} of ${run.requests})`, value: errorRate, unit: "%", target: "0", pass: run.errors === 0 },
    { name: `${label}: p95 latency`, value: run.p95, unit: "ms", target: "reported", pass: true },
    { name: `${label}: throughput`, value: run.throughput, unit: "req/s", target: "reported", pass: true },
    ...(run.cpuPerRequest === undefined ? [] : [{ name: `${label}: app CPU time per request`, value: run.cpuPerRequest, unit: "ms", target: "reported", pass: true }]),
  ];
}

export async function benchLoad(serverUrl: string): Promise<Result[]> {
  const { url, drop } = await createBenchDatabase(serverUrl, "load");
  const apps: ChildProcess[] = [];
  try {
    const { adminEmail } = await seedAdminAccount(url, "load", USERS);
    const first = await startNext(url);
    apps.push(first.app);
    const cookie = await sessionCookie(first.base, adminEmail);

    await warmUp(first.base, cookie);
    const one = await load([first.base], apps, cookie);

    const second = await startNext(url);
    apps.push(second.app);
    await warmUp(second.base, cookie);
    const two = await load([first.base, second.base], apps, cookie);

    const throughputRatio = round(two.throughput / one.throughput, 2);
    const p95Ratio = round(two.p95 / one.p95, 2);
    return [
      ...loadResults("1 app process", one),
      ...loadResults("2 app processes", two),
      { name: "users page under load: throughput 2 processes / 1 process", value: throughputRatio, unit: "×", target: "≥ 1.0 requests/s ratio", pass: throughputRatio >= 1 },
      { name: "users page under load: p95 latency 2 processes / 1 process", value: p95Ratio, unit: "×", target: "reported", pass: true },
    ];
  } finally {
    for (const app of apps) await stop(app);
    await drop();
  }
}

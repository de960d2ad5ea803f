// `scripts/start.ts` and `scripts/worker.ts` run as `npm start` and `npm run worker` do, for the
// fault tests, the e2e specs that need an app of their own, and bench/. No test-runner imports, so
// all three can use it.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../scripts/free-port";

export interface ScriptProcess {
  child: ChildProcess;
  /** What it wrote to stdout and stderr (the last megabyte). */
  output(): string;
  /** Sends `signal` (SIGTERM by default) unless it has exited, then waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Sends `signal` to `child` unless it has exited, then waits for the exit. */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

/** Runs `scripts/<name>` (with `args`) with the environment of the test run plus `env`; a variable set to undefined is left out. */
export function runScript(name: string, env: Record<string, string | undefined>, args: string[] = []): ScriptProcess {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join("scripts", name), ...args], {
    // Workers poll often, so queued jobs run within a second.
    env: { ...process.env, QUEUE_POLL_SECONDS: "0.5", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-1_000_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return { child, output: () => output, stop: (signal) => stopProcess(child, signal) };
}

/** Waits until `ready()` holds; if the process exits or the time runs out first, stops it and fails with its output. */
export async function waitUntil(script: ScriptProcess, what: string, ready: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { exitCode, signalCode } = script.child;
    if (exitCode !== null || signalCode !== null) throw new Error(`${what} exited (${exitCode ?? signalCode}):\n${script.output()}`);
    if (await ready()) return;
    if (Date.now() > deadline) {
      await script.stop();
      throw new Error(`${what} didn't start:\n${script.output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface AppScript extends ScriptProcess {
  /** http://127.0.0.1:<port> */
  base: string;
}

/**
 * `scripts/start.ts` (migrations, `next build` if the sources changed, the web server) on a free port
 * with a temporary data directory, once /api/health answers; stop() deletes the directory.
 */
export async function startApp(env: Record<string, string | undefined>, timeoutMs: number, host = "127.0.0.1"): Promise<AppScript> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "central-admin-app-"));
  // The app listens on 127.0.0.1 either way; `host` is the name its address uses ("localhost": WebAuthn refuses IP addresses).
  const base = `http://${host}:${port}`;
  const app = runScript("start.ts", { APP_URL: base, ...env, PORT: String(port), DATA_DIR: dataDir });
  const stop = async (signal?: NodeJS.Signals) => {
    await app.stop(signal);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntil(app, "the app", () => fetch(`${base}/api/health`).then((r) => r.ok, () => false), timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { ...app, base, stop };
}

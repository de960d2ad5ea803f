// `next build` when there is no build yet or a source file changed after the last one, with its
// progress on the terminal: Next.js's own lines as they come, and a line every 15 seconds while it
// is quiet (compiling prints nothing for minutes on a first start), so nobody takes it for a hang.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";

const SOURCES = ["app", "components", "lib", "messages", "emails", "public", "next.config.ts", "proxy.ts", "instrumentation.ts", "package.json", "postcss.config.mjs"];
const HEARTBEAT_MS = 15_000;

function newestSourceChange(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(entry).reduce((max, name) => Math.max(max, newestSourceChange(path.join(entry, name))), stat.mtimeMs);
}

const elapsed = (since: number) => {
  const seconds = Math.round((Date.now() - since) / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
};

export async function buildIfNeeded(): Promise<void> {
  const buildId = path.join(".next", "BUILD_ID");
  // Replicas given one build artifact must serve it as is (file times may not survive the copy).
  if (process.env.SKIP_BUILD === "true") {
    if (!fs.existsSync(buildId)) throw new Error("SKIP_BUILD=true but there is no build in .next: run `npm run build` first.");
    return;
  }
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  if (builtAt > Math.max(...SOURCES.map(newestSourceChange))) return;
  await runBuild();
}

/** `next build`, its output passed through line by line, a heartbeat while it is silent; exits this process if it fails. */
function runBuild(): Promise<void> {
  const started = Date.now();
  console.log("Building the app (first start or sources changed): about 2–4 minutes, progress below…");
  // Piped, not inherited: Next.js then prints plain lines (no spinner) and we see when it was last heard from.
  const child = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1" },
  });
  let lastPhase = "starting";
  let lastOutput = Date.now();
  const forward = (stream: NodeJS.ReadableStream, write: (line: string) => void) =>
    readline.createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => {
      lastOutput = Date.now();
      const phase = line.replace(/^[\s✓○●ƒ▲⚠◐◓◑◒-]+/u, "").trim();
      if (phase) lastPhase = phase.length > 80 ? `${phase.slice(0, 77)}…` : phase;
      write(`  ${line}`);
    });
  forward(child.stdout!, (line) => process.stdout.write(`${line}\n`));
  forward(child.stderr!, (line) => process.stderr.write(`${line}\n`));
  const heartbeat = setInterval(() => {
    if (Date.now() - lastOutput < HEARTBEAT_MS) return;
    lastOutput = Date.now();
    console.log(`  … still building (${elapsed(started)}; last: ${lastPhase})`);
  }, 1000);
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      clearInterval(heartbeat);
      if (code !== 0) {
        console.error(`The build failed (${signal ?? `exit code ${code}`}) after ${elapsed(started)}.`);
        process.exit(code ?? 1);
      }
      console.log(`Built in ${elapsed(started)}.`);
      resolve();
    });
  });
}

// Starts `scripts/worker.ts` as its own process on this test file's database, as `npm run worker` would.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export function startWorkerProcess(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join("scripts", "worker.ts")], {
    env: { ...process.env, QUEUE_POLL_SECONDS: "0.5", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

// Starts `scripts/worker.ts` as its own process on this test file's database, as `npm run worker` would.
import type { ChildProcess } from "node:child_process";
import { runScript } from "./script-process";

/** The worker's errors show in this process' stderr; stop it with `stopProcess` (./script-process). */
export function startWorkerProcess(env: Record<string, string> = {}): ChildProcess {
  const { child } = runScript("worker.ts", env);
  child.stderr!.pipe(process.stderr);
  return child;
}

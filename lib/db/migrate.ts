import { spawn } from "node:child_process";
import path from "node:path";
import { installQueues } from "../queue/boss";

/**
 * Applies prisma/migrations to the database at `url` with the offline Prisma CLI wrapper, then
 * installs (or upgrades) the job queue's own schema and queues.
 */
export async function migrateDatabase(url: string, options: { quiet?: boolean } = {}): Promise<void> {
  await prismaMigrateDeploy(url, options);
  await installQueues(url);
}

function prismaMigrateDeploy(url: string, options: { quiet?: boolean }): Promise<void> {
  const script = path.join(process.cwd(), "scripts", "prisma.mjs");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: options.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma migrate deploy failed (${code})\n${output}`)),
    );
  });
}

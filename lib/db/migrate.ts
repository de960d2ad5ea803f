import { spawn } from "node:child_process";
import path from "node:path";

/** Applies prisma/migrations to the database at `url` with the offline Prisma CLI wrapper. */
export function migrateDatabase(url: string, options: { quiet?: boolean } = {}): Promise<void> {
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

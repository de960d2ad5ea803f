// `next build` when there is no build yet or a source file changed after the last one.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "messages", "emails", "public", "next.config.ts", "proxy.ts", "instrumentation.ts", "package.json", "postcss.config.mjs"];

function newestSourceChange(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(entry).reduce((max, name) => Math.max(max, newestSourceChange(path.join(entry, name))), stat.mtimeMs);
}

export function buildIfNeeded(): void {
  const buildId = path.join(".next", "BUILD_ID");
  // Replicas given one build artifact must serve it as is (file times may not survive the copy).
  if (process.env.SKIP_BUILD === "true") {
    if (!fs.existsSync(buildId)) throw new Error("SKIP_BUILD=true but there is no build in .next: run `npm run build` first.");
    return;
  }
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  if (builtAt > Math.max(...SOURCES.map(newestSourceChange))) return;
  console.log("Building the app (first start or sources changed)…");
  const result = spawnSync(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

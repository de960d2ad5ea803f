#!/usr/bin/env node
// Runs the Prisma CLI offline: pointing both engine variables at an existing file makes the CLI
// skip its native-engine download; prisma.config.ts selects the WebAssembly schema engine.
// See docs/decisions/0001-prisma-6-offline.md.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const unrefTimers = new URL("./prisma-unref-timers.cjs", import.meta.url).pathname;
const env = {
  ...process.env,
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? "/dev/null",
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/dev/null",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
  // `prisma generate` reads the datasource url but never connects.
  DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://placeholder@127.0.0.1:5432/placeholder",
};
const result = spawnSync(process.execPath, ["--require", unrefTimers, cli, ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(result.status ?? 1);

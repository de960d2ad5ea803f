// `npm run test:faults`: tests/faults/, the app under injected failures (processes killed,
// database connections terminated, SMTP down). Same per-file databases as vitest.config.ts, but
// only on a real PostgreSQL server: terminating server backends is one of the faults.
import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

if (!process.env.DATABASE_URL) {
  console.error(
    "The fault tests need a real PostgreSQL server: set DATABASE_URL, e.g.\n" +
      "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run test:faults",
  );
  process.exit(1);
}

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["tests/faults/**/*.test.ts"],
    // Each file drives processes that share the machine (app servers, workers, SMTP outages
    // measured in seconds): one file at a time keeps their timing undisturbed.
    fileParallelism: false,
  },
});

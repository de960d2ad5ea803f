import fs from "node:fs";
import path from "node:path";

/** The migrations in prisma/migrations, in the order they apply. */
export function expectedMigrations(): string[] {
  const entries = fs.readdirSync(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

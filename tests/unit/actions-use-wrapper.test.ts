// Every exported server action must be built by accountAction or publicAction (lib/actions),
// the one place that checks the session, the account and the permission.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return ["node_modules", ".next", "generated", ".data"].includes(entry.name) ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

const serverActionFiles = ["app", "components", "lib"]
  .flatMap((dir) => sourceFiles(path.join(root, dir)))
  .filter((file) => /^\s*["']use server["']/m.test(fs.readFileSync(file, "utf8")));

describe("server actions", () => {
  it("exist (the scan finds the action files)", () => {
    expect(serverActionFiles.length).toBeGreaterThan(0);
  });

  it.each(serverActionFiles.map((f) => path.relative(root, f)))("%s exports only wrapped actions", (file) => {
    const source = fs.readFileSync(path.join(root, file), "utf8");
    expect(source.startsWith('"use server"'), "a file-level directive, not inline ones").toBe(true);
    const exports = [...source.matchAll(/^export\s+(.*)$/gm)].map((m) => m[1]);
    expect(exports.length).toBeGreaterThan(0);
    for (const line of exports) {
      expect(line, `export in ${file}`).toMatch(/^const \w+Action = (accountAction|publicAction)\(\{$/);
    }
  });

  it("has no inline 'use server' functions outside action files", () => {
    const inline = ["app", "components", "lib"]
      .flatMap((dir) => sourceFiles(path.join(root, dir)))
      .filter((file) => !serverActionFiles.includes(file))
      .filter((file) => /["']use server["']/.test(fs.readFileSync(file, "utf8")));
    expect(inline).toEqual([]);
  });
});

#!/usr/bin/env node
// Copies Scalar's prebuilt browser bundle (an ES module and the chunks it imports on demand) into
// public/vendor/scalar/, where the API reference page imports it from this app's origin.
// Prebuilt rather than bundled by Next: Scalar's thousands of modules in the app's module graph
// lengthen every module id Turbopack assigns, which made every route's first load ~0.4 kB heavier
// (decision 0032). Runs on postinstall; the copy is not committed (.gitignore).
import fs from "node:fs";
import path from "node:path";

const project = path.resolve(import.meta.dirname, "..");
const pkgDir = path.join(project, "node_modules", "@scalar", "api-reference");
const { version } = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8"));
const from = path.join(pkgDir, "dist", "browser");
const to = path.join(project, "public", "vendor", "scalar");

fs.rmSync(to, { recursive: true, force: true });
fs.mkdirSync(path.join(to, "chunks"), { recursive: true });
// Without source maps (2 MB and 20 MB): the browser only asks for them when its developer tools are open.
const copy = (file) => fs.writeFileSync(path.join(to, file), fs.readFileSync(path.join(from, file), "utf8").replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n"));
copy("standalone.esm.js");
for (const file of fs.readdirSync(path.join(from, "chunks"))) if (file.endsWith(".js")) copy(path.join("chunks", file));
console.log(`Scalar ${version} copied to public/vendor/scalar`);

// First-load JavaScript per route, from the production build: the chunks `next build` lists for each
// route in .next/diagnostics/route-bundle-stats.json (Next 16 no longer prints sizes), gzip-compressed
// as a browser downloads them (what "First Load JS" always meant). For a route over the target, the
// chunks that weigh most are printed with the packages recognised in them, so the report says which
// modules make it big. The app must already be built (bench/run.ts calls buildIfNeeded() first).
import fs from "node:fs";
import zlib from "node:zlib";
import type { Result } from "./result";

const STATS = ".next/diagnostics/route-bundle-stats.json";
const TARGET_KB = 170;

/** Text that only a given package leaves in a minified chunk (Turbopack's production chunks carry no module paths). */
const SIGNATURES: [string, RegExp][] = [
  ["react-dom", /__reactContainer|react-dom/],
  ["next (router, client runtime)", /__NEXT_|next-router|useRouterBFCache/],
  ["next-intl / use-intl (IntlMessageFormat)", /IntlMessageFormat|MISSING_MESSAGE/],
  ["zod", /ZodError|ZodRealError/],
  ["liquidjs", /Liquid/],
  ["sonner", /data-sonner-toaster|sonner/],
  ["@radix-ui (dialog, dropdown menu)", /radix|react-remove-scroll|DismissableLayer/],
  ["lucide-react icons", /lucide/],
  ["@simplewebauthn/browser", /startRegistration|startAuthentication/],
  ["qrcode", /qrcode|QRCode/],
  ["papaparse", /papaparse|Papa\b/],
];

interface RouteStats {
  route: string;
  firstLoadChunkPaths: string[];
}

export function benchJsSize(): Result[] {
  if (!fs.existsSync(STATS)) throw new Error(`${STATS} is missing: build the app first (npm run build)`);
  const routes = JSON.parse(fs.readFileSync(STATS, "utf8")) as RouteStats[];
  const sizes = new Map<string, number>();
  const gzipped = (file: string) => {
    if (!sizes.has(file)) sizes.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length);
    return sizes.get(file)!;
  };
  const kB = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
  const everywhere = new Set(routes[0]?.firstLoadChunkPaths.filter((chunk) => routes.every((r) => r.firstLoadChunkPaths.includes(chunk))) ?? []);
  console.log(`JS every route loads (framework, root layout): ${kB([...everywhere].reduce((sum, chunk) => sum + gzipped(chunk), 0))} kB gzip`);

  const results: Result[] = [];
  for (const { route, firstLoadChunkPaths } of [...routes].sort((a, b) => a.route.localeCompare(b.route))) {
    if (route === "/_global-error") continue; // Next's own fallback page, never navigated to
    const value = kB(firstLoadChunkPaths.reduce((sum, chunk) => sum + gzipped(chunk), 0));
    const pass = value <= TARGET_KB;
    results.push({ name: `first-load JS (gzip) — ${route}`, value, unit: "kB", target: `≤ ${TARGET_KB} kB`, pass });
    if (pass) continue;
    const heaviest = firstLoadChunkPaths.filter((chunk) => !everywhere.has(chunk)).sort((a, b) => gzipped(b) - gzipped(a)).slice(0, 4);
    for (const chunk of heaviest) {
      const text = fs.readFileSync(chunk, "utf8");
      const packages = SIGNATURES.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
      console.log(`  ${route}: ${chunk.replace(".next/static/chunks/", "")} ${kB(gzipped(chunk))} kB${packages.length ? ` (${packages.join(", ")})` : " (app code)"}`);
    }
  }
  return results;
}

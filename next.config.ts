import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { ACTION_BODY_LIMIT_BYTES } from "./lib/security/body-limit";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // `npm run typecheck` (tsc over the app, tests and scripts) is the type check, run by `npm test`
  // before every build; a production install has no type packages for tests (decision 0015).
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // A CSV import may be up to 1 MB; a little more reaches the action, which refuses it with a
    // clear message instead of Next's own 413. Larger form posts never reach Next.js: our server
    // sends them back to their page (lib/security/body-limit.ts).
    serverActions: { bodySizeLimit: ACTION_BODY_LIMIT_BYTES },
  },
  // Native or WebAssembly packages that must load from node_modules at run time, not be bundled.
  serverExternalPackages: ["@node-rs/argon2", "@electric-sql/pglite", "@electric-sql/pglite-socket", "pg", "pg-boss", "nodemailer"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
      {
        // A reset link's token is in the URL: no Referer from that page may carry it anywhere (listed
        // after the rule above, so this value wins for these paths).
        source: "/reset-password/:token*",
        headers: [{ key: "Referrer-Policy", value: "no-referrer" }],
      },
    ];
  },
};

export default withNextIntl(nextConfig);

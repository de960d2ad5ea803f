import { defineConfig, devices } from "@playwright/test";

// `npm test` (scripts/test.ts) prepares a fresh database and sets these; `npx playwright test`
// alone works too: it starts the app on DATABASE_URL, else on the embedded database in .data/e2e.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// The single sign-on spec runs a DNS server for the app's domain checks on this port (SSO_DNS_SERVERS).
const dnsPort = Number(process.env.E2E_DNS_PORT ?? port + 53);
process.env.E2E_DNS_PORT = String(dnsPort);
const embeddedDbPort = process.env.E2E_EMBEDDED_DB_PORT ?? "55432";
// Fixtures write to the same database the app serves: DATABASE_URL, else the embedded one.
process.env.E2E_DATABASE_URL ??= process.env.DATABASE_URL ?? `postgresql://postgres:postgres@127.0.0.1:${embeddedDbPort}/postgres?sslmode=disable`;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  // A test's whole budget, not a wait: steps wait for states (expect's own 5 s). The longest flows
  // (three rows, a preview, a customized template, two axe passes) take ~25 s on an idle 2-core
  // machine, and the suite starts extra app instances beside them (several instances, client
  // addresses, imports at 0 s), so 30 s left no margin.
  timeout: 60_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: "node --conditions=react-server --import tsx scripts/start.ts",
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(port),
      DATA_DIR: process.env.E2E_DATA_DIR ?? ".data/e2e",
      EMBEDDED_DB_PORT: embeddedDbPort,
      // Invitation links in emails point at this server.
      APP_URL: baseURL,
      // Single sign-on against the test providers on 127.0.0.1 (tests/e2e/sso.spec.ts): their
      // issuers are plain http, and domains are proven through the spec's own DNS server.
      SSO_ALLOW_HTTP: "true",
      SSO_DNS_SERVERS: `127.0.0.1:${dnsPort}`,
    },
  },
});

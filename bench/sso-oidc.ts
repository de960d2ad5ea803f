// OpenID Connect sign-in: the app's share of a round trip against the local provider (oidc-provider),
// as Continue with single sign-on and the callback do it, on a fresh database of the machine's
// PostgreSQL: the route lookup and the flow (discovery cached, PKCE, state and nonce stored), then —
// after the provider's own page, not timed — the flow taken once, the code exchanged, the ID token
// verified against the provider's keys, userinfo, the user resolved by subject and audited, the
// session row. 200 sign-ins of one user, sequential, after 20 for warm-up.
import crypto from "node:crypto";
import { startSession } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db/client";
import { seal } from "@/lib/security/secret-box";
import { createAccount } from "@/lib/seed/accounts";
import { findConnectionById, oidcRedirectUri, oidcSettings } from "@/lib/sso/connection";
import { ssoRouteFor } from "@/lib/sso/domains";
import { startFlow, takeFlow } from "@/lib/sso/flows";
import { oidcFinish } from "@/lib/sso/oidc";
import { resolveSsoUser } from "@/lib/sso/sign-in";
import { signInWithoutBrowser, startOidcProvider } from "../tests/support/oidc-provider";
import type { Result } from "./result";
import { createBenchDatabase, percentile, round } from "./support";

const SIGN_INS = 200;
const WARM_UP = 20;

export async function benchOidcSignIn(serverUrl: string): Promise<Result[]> {
  const { drop } = await createBenchDatabase(serverUrl, "sso", { AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-sso-auth-secret-0123456789abcdef", SSO_ALLOW_HTTP: "true" });
  const provider = await startOidcProvider();
  try {
    const db = getDb();
    const client = { clientId: "central-admin", clientSecret: crypto.randomBytes(24).toString("base64url") };
    provider.addClient({ ...client, redirectUris: [oidcRedirectUri()] });
    const { account, users } = await createAccount(db, {
      name: "Bench SSO", password: "bench sso password",
      users: [{ email: "ann@bench-sso.example", firstName: "Ann", role: "ACCOUNT_HOLDER" }],
    });
    await db.ssoDomain.create({ data: { accountId: account.id, domain: "bench-sso.example", token: "bench", verifiedAt: new Date() } });
    await db.ssoConnection.create({
      data: {
        accountId: account.id, protocol: "OIDC", oidcIssuer: provider.issuer, oidcClientId: client.clientId,
        oidcClientSecret: seal(client.clientSecret), enabled: true, testedAt: new Date(),
      },
    });
    const email = users[0].email;
    const headers = new Headers({ "user-agent": "bench" });
    const times: number[] = [];
    for (let i = 0; i < SIGN_INS + WARM_UP; i++) {
      const t0 = performance.now();
      const route = await ssoRouteFor(db, email);
      const connection = route && (await findConnectionById(db, route.id));
      if (!connection) throw new Error("no single sign-on route");
      const { url, state } = await startFlow(db, connection, "SIGN_IN", { callbackUrl: "/" });
      const started = performance.now() - t0;

      const callback = await signInWithoutBrowser(url, email); // the provider's own page: not timed

      const t1 = performance.now();
      const flow = await takeFlow(db, state);
      if (!flow) throw new Error("flow gone");
      const settings = oidcSettings((await findConnectionById(db, flow.connectionId))!)!;
      const profile = await oidcFinish(settings, oidcRedirectUri(), new URL(`${oidcRedirectUri()}${callback.search}`), {
        state, nonce: flow.nonce ?? "", codeVerifier: flow.codeVerifier ?? "",
      });
      const user = await resolveSsoUser(connection, profile, "203.0.113.1");
      await startSession(db, user.id, headers);
      if (i >= WARM_UP) times.push(started + performance.now() - t1);
    }
    const p50 = round(percentile(times, 50), 1);
    const p95 = round(percentile(times, 95), 1);
    return [
      { name: `OIDC sign-in round trip, the app's share (${SIGN_INS} sign-ins) p50`, value: p50, unit: "ms", target: "report", pass: true },
      { name: `OIDC sign-in round trip, the app's share (${SIGN_INS} sign-ins) p95`, value: p95, unit: "ms", target: "≤ 300 ms", pass: p95 <= 300 },
    ];
  } finally {
    await provider.stop();
    await drop();
  }
}

import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { checkIssuer, forgetDiscovery, OidcRejected, oidcFinish, oidcStart, type OidcSettings } from "@/lib/sso/oidc";
import { freePort } from "@/scripts/free-port";
import { startHostileOidc, type HostileBehaviour, type HostileOidc } from "../support/hostile-oidc";
import { cancelWithoutBrowser, signInWithoutBrowser, startOidcProvider, type ProviderCookies, type TestOidcProvider } from "../support/oidc-provider";

const REDIRECT = "http://127.0.0.1:3999/sso/callback";

let provider: TestOidcProvider;
let settings: OidcSettings;
let hostile: HostileOidc;
let hostileAllowingNone: HostileOidc;

beforeAll(async () => {
  process.env.SSO_ALLOW_HTTP = "true";
  [provider, hostile, hostileAllowingNone] = await Promise.all([
    startOidcProvider(),
    startHostileOidc(),
    startHostileOidc({ signingAlgs: ["RS256", "none"] }),
  ]);
  provider.addClient({ clientId: "central-admin", clientSecret: "provider-secret", redirectUris: [REDIRECT] });
  settings = { issuer: provider.issuer, clientId: "central-admin", clientSecret: "provider-secret", scopes: "openid email profile" };
});

afterAll(async () => {
  await Promise.all([provider?.stop(), hostile?.stop(), hostileAllowingNone?.stop()]);
});

/** The rejection reason, or "accepted". */
async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "accepted";
  } catch (error) {
    if (error instanceof OidcRejected) return error.reason;
    throw error;
  }
}

async function signIn(email: string, options?: { firstName?: string; lastName?: string; cookies?: ProviderCookies }) {
  const start = await oidcStart(settings, REDIRECT);
  const callback = await signInWithoutBrowser(start.url, email, options);
  return { start, callback };
}

async function againstHostile(behaviour: HostileBehaviour, at: HostileOidc = hostile) {
  at.behave(behaviour);
  const hostileSettings = { issuer: at.issuer, clientId: "victim-app", clientSecret: "victim-secret", scopes: "openid email" };
  const start = await oidcStart(hostileSettings, REDIRECT);
  const callback = await at.authorize(start.url);
  return oidcFinish(hostileSettings, REDIRECT, callback, start);
}

describe("against a real provider", () => {
  test("a sign-in gives the provider's subject, email and names", async () => {
    const { start, callback } = await signIn("ada@example.test", { firstName: "Ada", lastName: "Lovelace" });
    const request = new URL(start.url);
    expect(request.searchParams.get("code_challenge_method")).toBe("S256");
    expect(request.searchParams.get("response_type")).toBe("code");
    expect(request.searchParams.get("state")).toBe(start.state);
    expect(request.searchParams.get("nonce")).toBe(start.nonce);
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT);

    const profile = await oidcFinish(settings, REDIRECT, callback, start);
    expect(profile).toEqual({
      issuer: provider.issuer,
      subject: provider.subjectOf("ada@example.test"),
      email: "ada@example.test",
      emailVerified: true,
      firstName: "Ada",
      lastName: "Lovelace",
    });
  });

  test("each start has its own state, nonce and code verifier", async () => {
    const [a, b] = await Promise.all([oidcStart(settings, REDIRECT), oidcStart(settings, REDIRECT)]);
    expect(a.state).not.toBe(b.state);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.codeVerifier).not.toBe(b.codeVerifier);
  });

  test("an email change at the provider keeps the subject", async () => {
    const first = await signIn("bob@example.test");
    const before = await oidcFinish(settings, REDIRECT, first.callback, first.start);
    provider.rename("bob@example.test", "robert@example.test");
    const second = await signIn("robert@example.test");
    const after = await oidcFinish(settings, REDIRECT, second.callback, second.start);
    expect(after.email).toBe("robert@example.test");
    expect(after.subject).toBe(before.subject);
  });

  test("the provider asks at each sign-in, even with its session cookie (one browser, two people)", async () => {
    const cookies: ProviderCookies = new Map();
    const first = await signIn("gina@example.test", { cookies });
    expect((await oidcFinish(settings, REDIRECT, first.callback, first.start)).email).toBe("gina@example.test");
    const second = await signIn("hugo@example.test", { cookies });
    const profile = await oidcFinish(settings, REDIRECT, second.callback, second.start);
    expect(profile).toMatchObject({ email: "hugo@example.test", subject: provider.subjectOf("hugo@example.test") });
  });

  test("Cancel at the provider comes back as a provider error", async () => {
    const start = await oidcStart(settings, REDIRECT);
    const callback = await cancelWithoutBrowser(start.url);
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(await outcome(oidcFinish(settings, REDIRECT, callback, start))).toBe("providerError");
  });

  test("a code is used once: the same callback a second time is refused", async () => {
    const { start, callback } = await signIn("carol@example.test");
    await oidcFinish(settings, REDIRECT, callback, start);
    expect(await outcome(oidcFinish(settings, REDIRECT, callback, start))).toBe("token");
  });

  test("a callback finished with another flow's state is refused", async () => {
    const { start, callback } = await signIn("dave@example.test");
    const other = await oidcStart(settings, REDIRECT);
    expect(await outcome(oidcFinish(settings, REDIRECT, callback, other))).toBe("state");
    // The callback itself was sound: with its own flow it completes.
    expect(await outcome(oidcFinish(settings, REDIRECT, callback, start))).toBe("accepted");
  });

  test("a callback naming another issuer (mix-up) is refused", async () => {
    const { start, callback } = await signIn("frank@example.test");
    expect(callback.searchParams.get("iss")).toBe(provider.issuer);
    callback.searchParams.set("iss", hostile.issuer);
    expect(await outcome(oidcFinish(settings, REDIRECT, callback, start))).toBe("issuer");
  });

  test("a callback without the iss the provider promised is refused", async () => {
    const { start, callback } = await signIn("fay@example.test");
    callback.searchParams.delete("iss");
    expect(await outcome(oidcFinish(settings, REDIRECT, callback, start))).toBe("issuer");
  });

  test("a wrong code verifier is refused by the provider", async () => {
    const { start, callback } = await signIn("erin@example.test");
    const other = await oidcStart(settings, REDIRECT);
    expect(await outcome(oidcFinish(settings, REDIRECT, callback, { ...start, codeVerifier: other.codeVerifier }))).toBe("token");
  });
});

describe("discovery", () => {
  test("the test provider passes", async () => {
    await expect(checkIssuer(settings)).resolves.toBeUndefined();
  });

  test("an unreachable issuer", async () => {
    const port = await freePort();
    expect(await outcome(checkIssuer({ ...settings, issuer: `http://127.0.0.1:${port}` }))).toBe("discovery");
  });

  test("an answer that is not JSON", async () => {
    const server = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><p>Hello</p>"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect(await outcome(checkIssuer({ ...settings, issuer }))).toBe("discovery");
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });

  test("a document naming another issuer", async () => {
    // Same server, reached by another name: its document says 127.0.0.1.
    const issuer = provider.issuer.replace("127.0.0.1", "localhost");
    expect(await outcome(checkIssuer({ ...settings, issuer }))).toBe("discovery");
  });

  test("http is refused unless SSO_ALLOW_HTTP is true", async () => {
    forgetDiscovery();
    delete process.env.SSO_ALLOW_HTTP;
    try {
      expect(await outcome(checkIssuer(settings))).toBe("discovery");
      expect(await outcome(oidcStart(settings, REDIRECT))).toBe("discovery");
    } finally {
      process.env.SSO_ALLOW_HTTP = "true";
    }
    await expect(checkIssuer(settings)).resolves.toBeUndefined();
  });
});

describe("attacks", () => {
  test("the hostile provider's ordinary answer is accepted (so each refusal below is the attack's)", async () => {
    const profile = await againstHostile({});
    expect(profile).toMatchObject({ issuer: hostile.issuer, subject: "hostile-subject", email: "mallory@hostile.test", emailVerified: true });
  });

  test("an id token from another issuer", async () => {
    expect(await outcome(againstHostile({ idToken: { iss: "https://accounts.evil.test" } }))).toBe("issuer");
  });

  test("an id token for another client", async () => {
    expect(await outcome(againstHostile({ idToken: { aud: "some-other-app" } }))).toBe("audience");
  });

  test("an id token with another nonce", async () => {
    expect(await outcome(againstHostile({ idToken: { nonce: "nonce-of-another-flow" } }))).toBe("nonce");
  });

  test("a callback carrying another state", async () => {
    expect(await outcome(againstHostile({ state: "state-of-another-flow" }))).toBe("state");
  });

  test("an expired id token", async () => {
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    expect(await outcome(againstHostile({ idToken: { exp: tenMinutesAgo } }))).toBe("expired");
  });

  test("an id token expired by less than the allowed clock skew", async () => {
    const aMinuteAgo = Math.floor(Date.now() / 1000) - 60;
    expect(await outcome(againstHostile({ idToken: { exp: aMinuteAgo } }))).toBe("accepted");
  });

  test('an unsigned id token (alg "none")', async () => {
    expect(await outcome(againstHostile({ idToken: { alg: "none" } }))).toBe("signature");
  });

  test('an unsigned id token from a provider that advertises alg "none"', async () => {
    expect(await outcome(againstHostile({ idToken: { alg: "none" } }, hostileAllowingNone))).toBe("signature");
  });

  test("an id token signed by a key not in the provider's JWKS", async () => {
    expect(await outcome(againstHostile({ idToken: { otherKey: true } }))).toBe("signature");
  });

  test("an id token without a subject", async () => {
    expect(await outcome(againstHostile({ idToken: { sub: null } }))).toBe("noSubject");
  });

  test("an error from the provider (access_denied)", async () => {
    expect(await outcome(againstHostile({ error: "access_denied" }))).toBe("providerError");
  });
});

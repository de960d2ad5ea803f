// A real OpenID provider on 127.0.0.1 for tests (oidc-provider, panva's certified server).
// Sign-in is a one-page form without a password, shown at every authorization: the email typed picks
// the account (a stable random subject per email); Cancel answers access_denied; consent is granted
// automatically. Clients are added at any time through the adapter, so no restart is needed.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
// @ts-expect-error -- oidc-provider ships no type declarations; the few members used are typed below.
import OidcProviderModule, { interactionPolicy } from "oidc-provider";

export interface TestOidcProvider {
  /** http://127.0.0.1:<port> */
  issuer: string;
  addClient(client: { clientId: string; clientSecret: string; redirectUris: string[] }): void;
  /** Same subject, new email: an email change at the provider. */
  rename(oldEmail: string, newEmail: string): void;
  subjectOf(email: string): string;
  stop(): Promise<void>;
}

// ---- the parts of oidc-provider's API used here ----
interface Grant {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}
interface OidcContext {
  session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
  result?: { consent?: { grantId?: string } };
  client?: { clientId: string };
  params?: { scope?: string };
  provider: Provider;
}
interface Provider {
  Grant: { new (init: { clientId: string; accountId: string }): Grant; find(id: string): Promise<Grant | undefined> };
  callback(): (req: http.IncomingMessage, res: http.ServerResponse) => void;
  interactionDetails(req: http.IncomingMessage, res: http.ServerResponse): Promise<{ uid: string; prompt: { name: string } }>;
  interactionFinished(req: http.IncomingMessage, res: http.ServerResponse, result: object, options?: object): Promise<void>;
}
const OidcProvider = OidcProviderModule as new (issuer: string, configuration: object) => Provider;
interface Prompt {
  checks: { add(check: unknown): void };
}
const policy = interactionPolicy as {
  base(): Array<Prompt> & { get(name: string): Prompt };
  Check: new (reason: string, description: string, check: (ctx: { oidc: { result?: { login?: unknown } } }) => boolean) => unknown;
};

/** The login prompt on every authorization, even with a session at the provider: tests sign in as whom they say. */
function everySignInAsks() {
  const prompts = policy.base();
  prompts.get("login").checks.add(new policy.Check("every_time", "The test provider asks at each sign-in", (ctx) => !ctx.oidc.result?.login));
  return prompts;
}

type Payload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string };
interface Account {
  email: string;
  firstName: string;
  lastName: string;
}

const SCOPES = ["openid", "email", "profile"];

export async function startOidcProvider(options: { port?: number } = {}): Promise<TestOidcProvider> {
  const clients = new Map<string, Payload>();
  const subjects = new Map<string, string>(); // email (lower case) → subject
  const accounts = new Map<string, Account>(); // subject → account
  const store = new Map<string, { payload: Payload; expires: number }>();

  const subjectFor = (email: string) => {
    const key = email.trim().toLowerCase();
    let subject = subjects.get(key);
    if (!subject) {
      subject = crypto.randomUUID();
      subjects.set(key, subject);
    }
    return subject;
  };

  // In-memory adapter; the Client model reads the clients added by addClient.
  class Adapter {
    constructor(private readonly model: string) {}
    private key(id: string) {
      return `${this.model}:${id}`;
    }
    async upsert(id: string, payload: Payload, expiresIn?: number) {
      store.set(this.key(id), { payload, expires: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
    }
    async find(id: string) {
      if (this.model === "Client") return clients.get(id);
      const entry = store.get(this.key(id));
      if (!entry) return undefined;
      if (entry.expires <= Date.now()) {
        store.delete(this.key(id));
        return undefined;
      }
      return entry.payload;
    }
    async findByUid(uid: string) {
      for (const [key, entry] of store) if (key.startsWith(`${this.model}:`) && entry.payload.uid === uid) return entry.payload;
      return undefined;
    }
    async findByUserCode(userCode: string) {
      for (const [key, entry] of store) if (key.startsWith(`${this.model}:`) && entry.payload.userCode === userCode) return entry.payload;
      return undefined;
    }
    async consume(id: string) {
      const entry = store.get(this.key(id));
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      store.delete(this.key(id));
    }
    /** Called on each token model's adapter; an Interaction also carries a grantId but must stay. */
    async revokeByGrantId(grantId: string) {
      for (const [key, entry] of store) if (key.startsWith(`${this.model}:`) && entry.payload.grantId === grantId) store.delete(key);
    }
  }

  const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: "jwk" }), kid: crypto.randomUUID(), alg: "RS256", use: "sig" };

  let handle: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new OidcProvider(issuer, {
    adapter: Adapter,
    jwks: { keys: [signingKey] },
    cookies: { keys: [crypto.randomBytes(32).toString("base64url")] },
    scopes: SCOPES,
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["given_name", "family_name"] },
    pkce: { required: () => true },
    interactions: { policy: everySignInAsks() },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: false } },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub, email: account.email, email_verified: true, given_name: account.firstName, family_name: account.lastName };
        },
      };
    },
    // Consent is automatic: the grant covers whatever OpenID scopes were asked for.
    async loadExistingGrant(ctx: { oidc: OidcContext }) {
      const { oidc } = ctx;
      const accountId = oidc.session?.accountId;
      if (!accountId || !oidc.client) return undefined;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(oidc.client.clientId);
      const grant = (grantId && (await oidc.provider.Grant.find(grantId))) || new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId });
      const requested = (oidc.params?.scope ?? "").split(" ").filter((scope) => SCOPES.includes(scope));
      grant.addOIDCScope(requested.join(" "));
      await grant.save();
      return grant;
    },
    async renderError(ctx: { type: string; body: string }, out: Record<string, string>) {
      ctx.type = "html";
      ctx.body = page("Sign-in error", `<h1>Sign-in error</h1><p>${escapeHtml(out.error ?? "")}: ${escapeHtml(out.error_description ?? "")}</p>`);
    },
  });

  const providerCallback = provider.callback();
  handle = (req, res) => {
    const match = /^\/interaction\/([\w-]+)$/.exec(new URL(req.url ?? "/", issuer).pathname);
    if (!match) return providerCallback(req, res);
    interaction(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(400, { "content-type": "text/html; charset=utf-8" });
      res.end(page("Sign-in error", `<h1>Sign-in error</h1><p>${escapeHtml(String(error))}</p>`));
    });
  };

  async function interaction(req: http.IncomingMessage, res: http.ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    if (req.method === "POST") {
      const form = new URLSearchParams(await readBody(req));
      if (form.has("cancel")) {
        await provider.interactionFinished(req, res, { error: "access_denied", error_description: "The user cancelled the sign-in." }, { mergeWithLastSubmission: false });
        return;
      }
      const email = (form.get("email") ?? "").trim();
      if (!email.includes("@")) {
        res.writeHead(400, { "content-type": "text/html; charset=utf-8" });
        res.end(loginPage(details.uid, "Enter an email address."));
        return;
      }
      const subject = subjectFor(email);
      const previous = accounts.get(subject);
      accounts.set(subject, {
        email,
        firstName: form.get("firstName")?.trim() || previous?.firstName || "",
        lastName: form.get("lastName")?.trim() || previous?.lastName || "",
      });
      await provider.interactionFinished(req, res, { login: { accountId: subject } }, { mergeWithLastSubmission: false });
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(loginPage(details.uid));
  }

  return {
    issuer,
    addClient({ clientId, clientSecret, redirectUris }) {
      clients.set(clientId, {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      });
    },
    rename(oldEmail, newEmail) {
      const key = oldEmail.trim().toLowerCase();
      const subject = subjects.get(key);
      if (!subject) throw new Error(`No account for ${oldEmail}`);
      subjects.delete(key);
      subjects.set(newEmail.trim().toLowerCase(), subject);
      const account = accounts.get(subject);
      if (account) account.email = newEmail.trim();
    },
    subjectOf(email) {
      const subject = subjects.get(email.trim().toLowerCase());
      if (!subject) throw new Error(`No account for ${email}`);
      return subject;
    },
    stop() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function loginPage(uid: string, error?: string): string {
  return page(
    "Sign in to the test provider",
    `<main>
  <h1>Sign in to the test provider</h1>
  ${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
  <form method="post" action="/interaction/${escapeHtml(uid)}">
    <p><label>Email <input name="email" type="email" autocomplete="email" required></label></p>
    <p><label>First name <input name="firstName" autocomplete="given-name"></label></p>
    <p><label>Last name <input name="lastName" autocomplete="family-name"></label></p>
    <p><button type="submit">Sign in</button> <button type="submit" name="cancel" value="1" formnovalidate>Cancel</button></p>
  </form>
</main>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body>${body}</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function decodeHtml(text: string): string {
  return text.replace(/&(#\d+|#x[\da-f]+|amp|lt|gt|quot|apos);/gi, (entity, code: string) => {
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (code[0] !== "#") return named[code.toLowerCase()] ?? entity;
    return String.fromCodePoint(code[1].toLowerCase() === "x" ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10));
  });
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Cookies kept between requests to the provider (pass the same jar to act as one browser). */
export type ProviderCookies = Map<string, string>;

/**
 * Signs in at the provider without a browser: follows the redirects from the authorization URL,
 * posts the login form (keeping cookies) and returns the redirect to the relying party's redirect
 * URI, without following it.
 */
export function signInWithoutBrowser(
  authorizationUrl: string,
  email: string,
  options: { firstName?: string; lastName?: string; cookies?: ProviderCookies } = {},
): Promise<URL> {
  const form = new URLSearchParams({ email, firstName: options.firstName ?? "", lastName: options.lastName ?? "" });
  return throughProvider(authorizationUrl, form, options.cookies ?? new Map());
}

/** Presses Cancel on the provider's sign-in page: the relying party gets error=access_denied. */
export function cancelWithoutBrowser(authorizationUrl: string): Promise<URL> {
  return throughProvider(authorizationUrl, new URLSearchParams({ cancel: "1" }), new Map());
}

async function throughProvider(authorizationUrl: string, form: URLSearchParams, cookies: ProviderCookies): Promise<URL> {
  const provider = new URL(authorizationUrl).origin;
  const request = async (url: URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookies.size) headers.set("cookie", [...cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  };

  let url = new URL(authorizationUrl);
  let init: RequestInit = {};
  for (let hop = 0; hop < 10; hop++) {
    const response = await request(url, init);
    init = {};
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url);
      if (next.origin !== provider) return next; // back to the relying party
      url = next;
      continue;
    }
    const html = await response.text();
    if (response.status !== 200 || !/<form method="post"/.test(html)) {
      throw new Error(`Test provider answered ${response.status} at ${url.pathname}: ${html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim().slice(0, 300)}`);
    }
    const action = decodeHtml(/<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? url.pathname);
    url = new URL(action, url);
    // The login form gets ours; a page the provider submits by script (switching accounts ends the
    // previous session first) gets its own hidden fields, as a browser would send them.
    const hidden = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/?>/g)];
    const body = /name="email"/.test(html) ? form : new URLSearchParams(hidden.map(([, name, value]) => [name, decodeHtml(value)]));
    init = { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } };
  }
  throw new Error("Too many redirects at the test provider");
}

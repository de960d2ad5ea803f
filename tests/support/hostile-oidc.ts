// A hand-made OpenID provider (node:http + jose) that answers whatever a test tells it to: a wrong
// issuer or audience, another nonce, an expired token, alg "none", a signature by a key it does not
// publish, a state from elsewhere, an error. Just enough protocol for oidcFinish to reach each check.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from "jose";

export interface HostileIdToken {
  iss?: string;
  aud?: string | string[];
  nonce?: string;
  /** Seconds since the epoch. */
  exp?: number;
  alg?: "none" | "RS256";
  /** Signed by a key that is not in the JWKS (it carries the published key's kid). */
  otherKey?: boolean;
  /** null leaves the claim out. */
  sub?: string | null;
  email?: string | null;
}

export interface HostileBehaviour {
  /** The state put in the redirect instead of the one received. */
  state?: string;
  /** An error redirect (e.g. "access_denied") instead of a code. */
  error?: string;
  idToken?: HostileIdToken;
}

export interface HostileOidc {
  issuer: string;
  /** Sets how the next authorizations and token requests behave (until set again). */
  behave(behaviour: HostileBehaviour): void;
  /** Requests the authorization URL and returns the redirect to the relying party. */
  authorize(authorizationUrl: string): Promise<URL>;
  stop(): Promise<void>;
}

interface Authorization {
  clientId: string;
  redirectUri: string;
  nonce?: string;
  codeChallenge?: string;
}

/** `signingAlgs`: what discovery says in id_token_signing_alg_values_supported. */
export async function startHostileOidc(options: { signingAlgs?: string[] } = {}): Promise<HostileOidc> {
  const kid = crypto.randomUUID();
  const published = await generateKeyPair("RS256", { extractable: true });
  const unpublished = await generateKeyPair("RS256");
  const jwks = { keys: [{ ...(await exportJWK(published.publicKey)), kid, alg: "RS256", use: "sig" }] };
  const codes = new Map<string, Authorization>();
  let behaviour: HostileBehaviour = {};

  const server = http.createServer((req, res) => {
    answer(req, res).catch((error: unknown) => json(res, 500, { error: "server_error", error_description: String(error) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function answer(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", issuer);
    switch (url.pathname) {
      case "/.well-known/openid-configuration":
        return json(res, 200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: options.signingAlgs ?? ["RS256"],
          code_challenge_methods_supported: ["S256"],
          token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
          scopes_supported: ["openid", "email", "profile"],
        });
      case "/jwks":
        return json(res, 200, jwks);
      case "/authorize": {
        const redirectUri = url.searchParams.get("redirect_uri");
        if (!redirectUri) return json(res, 400, { error: "invalid_request" });
        const back = new URL(redirectUri);
        const state = behaviour.state ?? url.searchParams.get("state");
        if (behaviour.error) {
          back.searchParams.set("error", behaviour.error);
        } else {
          const code = crypto.randomBytes(16).toString("base64url");
          codes.set(code, {
            clientId: url.searchParams.get("client_id") ?? "",
            redirectUri,
            nonce: url.searchParams.get("nonce") ?? undefined,
            codeChallenge: url.searchParams.get("code_challenge") ?? undefined,
          });
          back.searchParams.set("code", code);
        }
        if (state !== null) back.searchParams.set("state", state);
        res.writeHead(302, { location: back.href }).end();
        return;
      }
      case "/token": {
        const form = new URLSearchParams(await readBody(req));
        const code = form.get("code") ?? "";
        const authorization = codes.get(code);
        codes.delete(code);
        const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? "")?.[1];
        const clientId = basic ? decodeURIComponent(Buffer.from(basic, "base64").toString().split(":")[0]) : form.get("client_id");
        if (!authorization || authorization.clientId !== clientId || authorization.redirectUri !== form.get("redirect_uri")) {
          return json(res, 400, { error: "invalid_grant" });
        }
        const verifier = form.get("code_verifier") ?? "";
        if (authorization.codeChallenge !== crypto.createHash("sha256").update(verifier).digest("base64url")) {
          return json(res, 400, { error: "invalid_grant", error_description: "PKCE verification failed" });
        }
        return json(res, 200, {
          access_token: crypto.randomBytes(16).toString("base64url"),
          token_type: "Bearer",
          expires_in: 300,
          id_token: await idToken(authorization, behaviour.idToken ?? {}),
        });
      }
      default:
        return json(res, 404, { error: "not_found" });
    }
  }

  async function idToken(authorization: Authorization, wanted: HostileIdToken): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: wanted.iss ?? issuer,
      aud: wanted.aud ?? authorization.clientId,
      sub: wanted.sub === undefined ? "hostile-subject" : wanted.sub,
      nonce: wanted.nonce ?? authorization.nonce,
      iat: now,
      exp: wanted.exp ?? now + 300,
      email: wanted.email === undefined ? "mallory@hostile.test" : wanted.email,
      email_verified: true,
      given_name: "Mallory",
      family_name: "Hostile",
    };
    for (const name of Object.keys(claims)) if (claims[name] === null || claims[name] === undefined) delete claims[name];
    if (wanted.alg === "none") return new UnsecuredJWT(claims).encode();
    return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid }).sign(wanted.otherKey ? unpublished.privateKey : published.privateKey);
  }

  return {
    issuer,
    behave(next) {
      behaviour = next;
    },
    async authorize(authorizationUrl) {
      const response = await fetch(authorizationUrl, { redirect: "manual" });
      const location = response.headers.get("location");
      if (!location) throw new Error(`Hostile provider answered ${response.status} without a redirect`);
      return new URL(location);
    },
    stop() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

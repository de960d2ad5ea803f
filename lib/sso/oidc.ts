// OpenID Connect relying party: authorization code flow with PKCE, on openid-client (panva's
// certified client). No Next.js and no database here: the caller keeps state, nonce and code
// verifier between oidcStart and oidcFinish (one-use sign-in flow rows).
import * as client from "openid-client";

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated; `openid` is added when missing. */
  scopes: string;
}

export interface SsoProfile {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean | null;
  firstName: string;
  lastName: string;
}

export type OidcRejectionReason =
  | "discovery"
  | "state"
  | "issuer"
  | "audience"
  | "nonce"
  | "expired"
  | "signature"
  | "token"
  | "providerError"
  | "noSubject";

export class OidcRejected extends Error {
  constructor(
    readonly reason: OidcRejectionReason,
    options?: { cause?: unknown },
  ) {
    super(`OpenID Connect sign-in refused (${reason})`, options);
    this.name = "OidcRejected";
  }
}

const DISCOVERY_TTL_MS = 5 * 60_000;
const TIMEOUT_SECONDS = 10;
/** Allowed clock difference with the provider for exp (and nbf, auth_time). */
const CLOCK_TOLERANCE_SECONDS = 120;

const discoveries = new Map<string, { config: Promise<client.Configuration>; expires: number }>();

export function forgetDiscovery(): void {
  discoveries.clear();
}

/** The issuer as a URL we are willing to call: https (http only when tests allow it), no query. */
function issuerUrl(issuer: string): URL {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch (cause) {
    throw new OidcRejected("discovery", { cause });
  }
  const allowHttp = process.env.SSO_ALLOW_HTTP === "true";
  const protocolOk = url.protocol === "https:" || (allowHttp && url.protocol === "http:");
  // openid-client skips the issuer comparison when given a URL containing /.well-known/.
  const shapeOk = !url.search && !url.hash && !url.username && !url.password && !url.pathname.includes("/.well-known/");
  if (!protocolOk || !shapeOk) throw new OidcRejected("discovery", { cause: new Error(`Issuer not allowed: ${issuer}`) });
  return url;
}

/** client_secret_basic when the provider accepts it (the default when it does not say), else client_secret_post. */
function clientAuthentication(secret: string): client.ClientAuth {
  const basic = client.ClientSecretBasic(secret);
  const post = client.ClientSecretPost(secret);
  return (as, metadata, body, headers) => {
    const methods = as.token_endpoint_auth_methods_supported;
    const usePost = methods !== undefined && !methods.includes("client_secret_basic") && methods.includes("client_secret_post");
    (usePost ? post : basic)(as, metadata, body, headers);
  };
}

function configurationFor(settings: OidcSettings): Promise<client.Configuration> {
  // Checked before the cache so that a change of SSO_ALLOW_HTTP applies at once.
  const url = issuerUrl(settings.issuer);
  const key = JSON.stringify([settings.issuer, settings.clientId, settings.clientSecret]);
  const now = Date.now();
  const cached = discoveries.get(key);
  if (cached && cached.expires > now) return cached.config;

  const execute = [client.enableNonRepudiationChecks]; // verify id token signatures against the JWKS
  if (url.protocol === "http:") execute.push(client.allowInsecureRequests);
  const config = client
    .discovery(
      url,
      settings.clientId,
      { client_secret: settings.clientSecret, [client.clockTolerance]: CLOCK_TOLERANCE_SECONDS },
      clientAuthentication(settings.clientSecret),
      { timeout: TIMEOUT_SECONDS, execute },
    )
    .then((config) => {
      const as = config.serverMetadata();
      if (!as.authorization_endpoint || !as.token_endpoint || !as.jwks_uri) {
        throw new Error("Provider metadata lacks authorization_endpoint, token_endpoint or jwks_uri");
      }
      return config;
    })
    .catch((cause: unknown) => {
      if (discoveries.get(key)?.config === config) discoveries.delete(key);
      throw cause instanceof OidcRejected ? cause : new OidcRejected("discovery", { cause });
    });
  discoveries.set(key, { config, expires: now + DISCOVERY_TTL_MS });
  return config;
}

/** Discovery of `${issuer}/.well-known/openid-configuration`; throws OidcRejected("discovery"). */
export async function checkIssuer(settings: OidcSettings): Promise<void> {
  await configurationFor(settings);
}

export async function oidcStart(
  settings: OidcSettings,
  redirectUri: string,
): Promise<{ url: string; state: string; nonce: string; codeVerifier: string }> {
  const config = await configurationFor(settings);
  const scope = [...new Set(["openid", ...settings.scopes.split(/\s+/).filter(Boolean)])].join(" ");
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const url = client.buildAuthorizationUrl(config, {
    response_type: "code",
    redirect_uri: redirectUri,
    scope,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  });
  return { url: url.href, state, nonce, codeVerifier };
}

/**
 * Completes the flow from the callback URL the browser arrived at. `redirectUri` must be the one
 * given to oidcStart (without a query): it is what the token request sends, whatever host the
 * callback request reached us on.
 */
export async function oidcFinish(
  settings: OidcSettings,
  redirectUri: string,
  callbackUrl: URL,
  expected: { state: string; nonce: string; codeVerifier: string },
): Promise<SsoProfile> {
  const config = await configurationFor(settings);
  const as = config.serverMetadata();
  const params = callbackUrl.searchParams;

  // openid-client checks these too; checking first gives each its own reason.
  const iss = params.get("iss"); // RFC 9207: which provider sent the browser back (mix-up attacks)
  if (iss === null ? as.authorization_response_iss_parameter_supported === true : iss !== as.issuer) throw new OidcRejected("issuer");
  if (params.get("state") !== expected.state) throw new OidcRejected("state");
  if (params.has("error")) {
    throw new OidcRejected("providerError", { cause: new Error(`${params.get("error")}: ${params.get("error_description") ?? ""}`) });
  }

  const current = new URL(redirectUri);
  for (const [name, value] of params) current.searchParams.append(name, value);

  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, current, {
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      pkceCodeVerifier: expected.codeVerifier,
      idTokenExpected: true,
    });
  } catch (error) {
    throw rejection(error);
  }
  const claims = tokens.claims();
  if (!claims) throw new OidcRejected("token");
  if (typeof claims.sub !== "string" || claims.sub === "") throw new OidcRejected("noSubject");

  let source: Record<string, unknown> = claims;
  if (typeof claims.email !== "string" && as.userinfo_endpoint) {
    try {
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      source = { ...userinfo, ...claims };
    } catch (error) {
      throw rejection(error);
    }
  }

  const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");
  const email = text(source.email);
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email: email || null,
    emailVerified: verified(source.email_verified),
    firstName: text(source.given_name),
    lastName: text(source.family_name),
  };
}

/** Some providers send email_verified as the string "true". */
function verified(value: unknown): boolean | null {
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  return null;
}

function detailOf(error: Error): Record<string, unknown> {
  // openid-client's ClientError wraps oauth4webapi's error, whose cause holds the details.
  const inner = error.cause;
  const detail = inner instanceof Error ? inner.cause : undefined;
  return typeof detail === "object" && detail !== null ? (detail as Record<string, unknown>) : {};
}

/** The most precise reason for an openid-client error. */
function rejection(error: unknown): OidcRejected {
  if (error instanceof OidcRejected) return error;
  const reject = (reason: OidcRejectionReason) => new OidcRejected(reason, { cause: error });
  if (error instanceof client.AuthorizationResponseError) return reject("providerError");
  if (!(error instanceof client.ClientError)) return reject("token"); // error answers from the token or userinfo endpoint, network
  const detail = detailOf(error);
  switch (error.code) {
    case "OAUTH_JWT_CLAIM_COMPARISON_FAILED":
      if (detail.claim === "iss") return reject("issuer");
      if (detail.claim === "aud" || detail.claim === "azp") return reject("audience");
      if (detail.claim === "nonce") return reject("nonce");
      return reject("token");
    case "OAUTH_JWT_TIMESTAMP_CHECK_FAILED":
      return reject("expired");
    case "OAUTH_KEY_SELECTION_FAILED":
      return reject("signature");
    case "OAUTH_UNSUPPORTED_OPERATION": // alg "none" or another unsupported alg, a key refused (weak RSA), an encrypted token
      return reject("signature");
    case "OAUTH_INVALID_RESPONSE": {
      if ("signature" in detail || ("header" in detail && "reason" in detail)) return reject("signature"); // bad signature, alg not allowed
      const claims = detail.claims as Record<string, unknown> | undefined;
      if (claims && typeof claims.sub !== "string") return reject("noSubject");
      return reject("token");
    }
    default:
      return reject("token");
  }
}

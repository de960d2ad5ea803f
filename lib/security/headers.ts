// Response security headers built per request by the proxy. No server-only imports (proxy bundle).

/** A fresh unguessable nonce for one response's scripts. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * The Content-Security-Policy of a page: scripts only from this origin with the response's nonce
 * (Next.js puts it on its own scripts; 'strict-dynamic' lets those load the chunks they import), no
 * inline script and no eval outside development, no plugin, no framing by any site. Styles may be
 * inline: React style attributes and the emails shown in previews use them. Forms post to this
 * origin only, except on the pages that start a single sign-on (`ssoForms`).
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean; ssoForms?: { allowHttp: boolean } }): string {
  // A page whose form begins a single sign-on: without JavaScript its POST is answered with a 303 to
  // the account's identity provider, and browsers check form-action on redirects too. The providers
  // are each account's own, so only the scheme can be named (http only for tests: SSO_ALLOW_HTTP).
  const formAction = options.ssoForms ? `form-action 'self' https:${options.ssoForms.allowHttp ? " http:" : ""}` : "form-action 'self'";
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    formAction,
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

/** Two years, subdomains included: sent only when the app is served over HTTPS. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/**
 * The origin a request was sent to, as scheme://host[:port]. The web server (scripts/server.ts)
 * speaks plain HTTP and, without TRUST_PROXY, drops a client's X-Forwarded-* headers: the origin is
 * then `http://` + Host. Behind trusted proxies it is X-Forwarded-Proto + X-Forwarded-Host (each
 * the right-most value, the one the proxy nearest the app set), falling back to http and Host.
 */
export function requestOrigin(headers: Headers, trustProxy: boolean): string | null {
  const forwarded = (name: string) => (trustProxy ? headers.get(name)?.split(",").at(-1)?.trim().toLowerCase() || null : null);
  const host = forwarded("x-forwarded-host") ?? headers.get("host");
  const scheme = forwarded("x-forwarded-proto") ?? "http";
  if (!host || (scheme !== "http" && scheme !== "https")) return null;
  return `${scheme}://${host}`;
}

/** An http(s) URL parsed, or null. Its `origin` is scheme, host and port (the default port left out). */
function webUrl(url: string | null | undefined): URL | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Whether a state-changing request (server action, form post) comes from a page of this app: its
 * Origin must be the request's own origin (requestOrigin) or APP_URL's — scheme, host and port
 * alike. An Origin on APP_URL's host name over another scheme never passes, even when it equals
 * the request's own origin (without TRUST_PROXY, a request relayed by a TLS proxy looks like plain
 * HTTP): `http://admin.example.com` for an `https://admin.example.com` APP_URL is a downgraded page
 * that anyone on the network path could have written. A missing, `null` (sandboxed frames, some
 * redirects) or foreign Origin is refused, so no other site can drive a signed-in browser (CSRF),
 * whatever SameSite does.
 */
export function sameOrigin(origin: string | null, ownOrigin: string | null, appUrl: string | undefined): boolean {
  const from = webUrl(origin);
  if (!from) return false;
  const app = webUrl(appUrl);
  if (app && from.hostname === app.hostname && from.protocol !== app.protocol) return false;
  return from.origin === app?.origin || from.origin === webUrl(ownOrigin)?.origin;
}

/**
 * The request header the proxy sets to the requested path, overwriting any the client sent, so
 * pages can know where they are (requireUser lets the two-step setup page through).
 */
export const REQUEST_PATH_HEADER = "x-request-path";

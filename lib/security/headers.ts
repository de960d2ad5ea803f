// Response security headers built per request by the proxy. No server-only imports (proxy bundle).

/** A fresh unguessable nonce for one response's scripts. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * The Content-Security-Policy of a page: scripts only from this origin with the response's nonce
 * (Next.js puts it on its own scripts; 'strict-dynamic' lets those load the chunks they import), no
 * inline script and no eval outside development, no plugin, no framing by any site. Styles may be
 * inline: React style attributes and the emails shown in previews use them.
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean }): string {
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
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

/** Two years, subdomains included: sent only when the app is served over HTTPS. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/**
 * Whether a state-changing request (server action, form post) comes from a page of this app: its
 * Origin must name the host the request was sent to (or APP_URL's). A missing, `null` (sandboxed
 * frames, some redirects) or foreign Origin is refused, so no other site can drive a signed-in
 * browser (CSRF), whatever SameSite does.
 */
export function sameOrigin(origin: string | null, host: string | null, appUrl: string | undefined): boolean {
  if (!origin || origin === "null") return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  if (host && originHost === host) return true;
  try {
    return !!appUrl && originHost === new URL(appUrl).host;
  } catch {
    return false;
  }
}

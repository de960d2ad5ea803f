// Runs before every page, server action and download (not static files). It authorizes nothing:
// pages and actions check the session themselves (decision 0003). It
//   1. refuses state-changing requests from another origin (CSRF: scheme, host and port compared),
//   2. renews the session cookie (the idle lifetime counts from the last use; lib/auth/renewal.ts),
//   3. sets a Content-Security-Policy with a fresh script nonce, and HSTS over HTTPS,
//   4. tells pages the requested path (REQUEST_PATH_HEADER, always overwritten: a client can't forge it).
import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { baseAuthConfig } from "@/lib/auth/base-config";
import { sessionNeedsRenewal } from "@/lib/auth/renewal";
import { servedOverHttps, SESSION_ENDED_PATH } from "@/lib/auth/session-settings";
import { trustProxy } from "@/lib/security/client-ip";
import { contentSecurityPolicy, newNonce, REQUEST_PATH_HEADER, requestOrigin, sameOrigin, STRICT_TRANSPORT_SECURITY } from "@/lib/security/headers";

const { auth } = NextAuth(baseAuthConfig());
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// Their Continue with single sign-on and Test connection forms end, without JavaScript, in a
// redirect to the account's identity provider (contentSecurityPolicy's ssoForms).
const SSO_FORM_PAGES = new Set(["/sign-in", "/settings/single-sign-on"]);

function respond(request: NextRequest) {
  const ownOrigin = requestOrigin(request.headers, trustProxy());
  if (!SAFE_METHODS.has(request.method) && !sameOrigin(request.headers.get("origin"), ownOrigin, process.env.APP_URL)) {
    return new NextResponse("Cross-origin request refused.", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }

  const nonce = newNonce();
  const ssoForms = SSO_FORM_PAGES.has(request.nextUrl.pathname) ? { allowHttp: process.env.SSO_ALLOW_HTTP === "true" } : undefined;
  const policy = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", ssoForms });
  // Next.js reads the nonce from the request's policy and puts it on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  requestHeaders.set(REQUEST_PATH_HEADER, request.nextUrl.pathname);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (servedOverHttps() || ownOrigin?.startsWith("https:")) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

// Auth.js's wrapper re-issues the session cookie: only when it's due (see lib/auth/renewal.ts).
const renewingSession = auth((request: NextRequest, _event: NextFetchEvent) => respond(request));

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  // Never renew a cookie on its way to being cleared (app/session-ended).
  const renew = request.nextUrl.pathname !== SESSION_ENDED_PATH && (await sessionNeedsRenewal(request.headers, request.cookies));
  return renew ? renewingSession(request, event) : respond(request);
}

export const config = {
  // Not static files, nor the health check (`api/health$`: exactly that path, not /api/healthz),
  // nor the REST API and SCIM (`api/v1/`, `scim/v2/`): they read API tokens only, never the
  // session cookie, so they have no CSRF to refuse, no session to renew and no page to give a
  // policy (http/token-request.ts). Nor SAML's assertion consumer (`sso/saml/acs$`): the identity
  // provider posts to it from its own origin, and it reads no cookie — it only keeps a validated
  // assertion for the same-site request that finishes the flow (http/sso/routes.ts).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/health$|api/v1/|scim/v2/|sso/saml/acs$).*)"],
};

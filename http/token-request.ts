// The way in for programs: every REST (and SCIM) route handler runs inside withToken, which reads
// the API token, counts the request against the token's rate limit and hands the handler a
// principal. The handler then calls the same account actions as the pages (invokeAs), so the
// permission table, scoping, validation and audit are the wrapper's, never the route's.
import "server-only";
import type { Principal } from "@/lib/actions/define-action";
import { countTokenRequest } from "@/lib/api-tokens/rate-limit";
import { authenticateToken, touchToken, type TokenRefusal } from "@/lib/api-tokens/tokens";
import { getDb } from "@/lib/db/client";
import { positiveInteger } from "@/lib/env";
import { DEFAULT_LOCALE, localeFromAcceptLanguage, type AppLocale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/messages";
import { clientIp } from "@/lib/security/client-ip";
import { problem } from "./problem";

export interface TokenCall {
  principal: Principal;
  locale: AppLocale;
}

const REFUSAL_KEYS: Record<TokenRefusal, "api.tokenInvalid" | "api.tokenRevoked" | "api.tokenExpired" | "api.tokenCreatorInactive"> = {
  invalid: "api.tokenInvalid",
  revoked: "api.tokenRevoked",
  expired: "api.tokenExpired",
  creatorInactive: "api.tokenCreatorInactive",
};

/**
 * The secret a request carries: `Authorization: Bearer <token>`, or the bare token in that header
 * (Okta's "HTTP header" mode for SCIM). Never a cookie: a browser's session can't drive the API,
 * so the API needs no CSRF defence (the proxy leaves /api/v1 alone).
 */
export function secretOf(headers: Headers): string | null {
  const value = headers.get("authorization")?.trim();
  if (!value) return null;
  const bearer = /^bearer\s+(\S+)$/i.exec(value);
  if (bearer) return bearer[1];
  return /\s/.test(value) ? null : value;
}

export const requestLocale = (request: Request): AppLocale => localeFromAcceptLanguage(request.headers.get("accept-language")) ?? DEFAULT_LOCALE;

/**
 * Runs `handle` for a request with a valid API token: 401 without one (with the reason: missing,
 * invalid, revoked, expired, creator no longer active), 429 with Retry-After past the token's
 * API_REQUESTS_PER_MINUTE (default 600). Every answer carries the RateLimit-* headers once the
 * token is known, and `Cache-Control: no-store`. An error the handler didn't expect is a 500
 * problem without its text.
 */
export async function withToken(
  request: Request,
  handle: (call: TokenCall) => Promise<Response>,
  /** How refusals are written: RFC 9457 problems for REST, SCIM's Error schema for SCIM. */
  refuse: (status: number, code: string, detail: string, options?: { headers?: HeadersInit }) => Response = problem,
): Promise<Response> {
  const locale = requestLocale(request);
  const t = translator(locale);
  const challenge = { "WWW-Authenticate": 'Bearer realm="Central Admin"', "Cache-Control": "no-store" };
  const secret = secretOf(request.headers);
  if (!secret) return refuse(401, "tokenMissing", t("api.tokenMissing"), { headers: challenge });
  const db = getDb();
  const authenticated = await authenticateToken(db, secret);
  if (!authenticated.ok) return refuse(401, `token${authenticated.reason[0].toUpperCase()}${authenticated.reason.slice(1)}`, t(REFUSAL_KEYS[authenticated.reason]), { headers: challenge });

  const { principal, lastUsedAt } = authenticated;
  const token = principal.token!;
  const rate = await countTokenRequest(db, token.id, positiveInteger("API_REQUESTS_PER_MINUTE", 600));
  const rateHeaders = {
    "RateLimit-Limit": String(rate.limit),
    "RateLimit-Remaining": String(rate.remaining),
    "RateLimit-Reset": String(rate.resetSeconds),
    "RateLimit-Policy": `${rate.limit};w=60`,
    "Cache-Control": "no-store",
  };
  if (!rate.allowed) {
    return refuse(429, "rateLimited", t("api.rateLimited", { seconds: rate.resetSeconds }), { headers: { ...rateHeaders, "Retry-After": String(rate.resetSeconds) } });
  }
  await touchToken(db, token.id, lastUsedAt, clientIp(request.headers));

  let response: Response;
  try {
    response = await handle({ principal, locale });
  } catch (error) {
    console.error("[api]", request.method, new URL(request.url).pathname, error);
    response = refuse(500, "unexpected", t("errors.unexpected"));
  }
  for (const [name, value] of Object.entries(rateHeaders)) response.headers.set(name, value);
  return response;
}

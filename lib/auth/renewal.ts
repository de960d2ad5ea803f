// When the proxy re-issues the session cookie. Renewing on every request would make any response
// still in flight when the user signs out (a link prefetch, say) put the session cookie back.
// Renewing at most every `renewalInterval` seconds, and never for prefetches, closes that window
// in practice while the idle lifetime still counts from the last use, to within the interval.
import { decode } from "next-auth/jwt";
import { sessionCookies, sessionLifetimes } from "@/lib/auth/session-settings";

/** A tenth of the idle lifetime, at most a minute: an hour's idle lifetime is renewed once a minute. */
export function renewalInterval(idleSeconds: number): number {
  return Math.min(60, idleSeconds / 10);
}

/** Whether a token issued at `issuedAt` (seconds) is due for a new cookie. */
export function renewalDue(issuedAt: unknown, now = Date.now() / 1000, idleSeconds = sessionLifetimes().idleSeconds): boolean {
  return typeof issuedAt !== "number" || now - issuedAt >= renewalInterval(idleSeconds);
}

/** Link prefetches are the browser's guesses, not the user's activity. */
export function isPrefetch(headers: Headers): boolean {
  return headers.has("next-router-prefetch") || headers.get("sec-purpose")?.includes("prefetch") === true || headers.get("purpose") === "prefetch";
}

/**
 * Whether this request should go through Auth.js to renew the session cookie: it carries a
 * session that is due (or one we can't read: Auth.js then clears it) and isn't a prefetch.
 */
export async function sessionNeedsRenewal(headers: Headers, cookies: { get(name: string): { value: string } | undefined }): Promise<boolean> {
  if (isPrefetch(headers)) return false;
  const name = sessionCookies().sessionToken.name;
  const token = cookies.get(name)?.value;
  if (!token) return cookies.get(`${name}.0`) !== undefined; // a chunked cookie: let Auth.js read it
  try {
    const payload = await decode({ token, secret: process.env.AUTH_SECRET ?? "", salt: name });
    return renewalDue(payload?.iat);
  } catch {
    return true;
  }
}

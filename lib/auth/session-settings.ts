// Session lifetimes and cookie names, read from the environment. No server-only imports: the proxy
// (on every request) and the Auth.js configuration both use it.
import { positiveNumber } from "@/lib/env";

/** Whether the app is served over HTTPS (its public address, APP_URL): cookies are then Secure and prefixed. */
export function servedOverHttps(): boolean {
  return (process.env.APP_URL ?? "").toLowerCase().startsWith("https://");
}

/** Where a request whose session cookie the server refused goes to have it cleared (app/session-ended). */
export const SESSION_ENDED_PATH = "/session-ended";

export interface SessionLifetimes {
  /** A session unused this long ends (every request through the proxy renews it). */
  idleSeconds: number;
  /** A session ends this long after sign-in, however active. */
  absoluteSeconds: number;
}

export function sessionLifetimes(): SessionLifetimes {
  return {
    idleSeconds: Math.round(positiveNumber("SESSION_IDLE_MINUTES", 60) * 60),
    absoluteSeconds: Math.round(positiveNumber("SESSION_MAX_AGE_HOURS", 12) * 3600),
  };
}

/**
 * Whether a session signed in at `signedInAt` (seconds) has outlived the absolute lifetime. A token
 * without the time (issued before lifetimes existed) counts as expired.
 */
export function pastAbsoluteLifetime(signedInAt: unknown, now = Date.now() / 1000, lifetimes = sessionLifetimes()): boolean {
  return typeof signedInAt !== "number" || now - signedInAt >= lifetimes.absoluteSeconds;
}

/**
 * HttpOnly, SameSite=Lax cookies. Over HTTPS they are Secure and named with the `__Host-` prefix
 * (the browser then refuses them unless Secure, Path=/ and without Domain, so no subdomain can
 * plant or read them); over plain HTTP (local use) Secure cookies wouldn't be sent, so neither.
 */
export function sessionCookies(secure = servedOverHttps()) {
  const prefix = secure ? "__Host-" : "";
  const options = { httpOnly: true, sameSite: "lax" as const, path: "/", secure };
  return {
    sessionToken: { name: `${prefix}central-admin.session`, options },
    csrfToken: { name: `${prefix}central-admin.csrf`, options },
    callbackUrl: { name: `${prefix}central-admin.callback-url`, options },
  };
}

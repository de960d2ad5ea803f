import "server-only";
import { cookies } from "next/headers";
import { sessionCookies } from "@/lib/auth/session-settings";

export { SESSION_ENDED_PATH } from "@/lib/auth/session-settings";

const sessionCookie = () => sessionCookies().sessionToken;

/** Whether the request carries a session cookie at all (whole, or in chunks), valid or not. */
export async function hasSessionCookie(): Promise<boolean> {
  const jar = await cookies();
  const { name } = sessionCookie();
  return jar.get(name) !== undefined || jar.get(`${name}.0`) !== undefined;
}

/**
 * Deletes the session cookie (and the chunks Auth.js splits a large one into), so a session the
 * server refused is neither sent again nor renewed by the proxy.
 */
export async function clearSessionCookie(): Promise<void> {
  const jar = await cookies();
  const { name, options } = sessionCookie();
  for (const cookie of [name, ...[0, 1, 2, 3].map((i) => `${name}.${i}`)]) {
    if (cookie === name || jar.get(cookie) !== undefined) jar.set(cookie, "", { ...options, maxAge: 0 });
  }
}

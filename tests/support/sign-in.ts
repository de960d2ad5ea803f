// Framework plumbing for tests that call the sign-in and language actions: there is no HTTP
// request (cookies, headers) and no Auth.js cookie to write. signIn runs the real credentials
// check the sign-in provider runs. Import this before the app modules it stands in for.
import { vi } from "vitest";

// The pending sign-in state (lib/auth/pending-token.ts) and sealed secrets need one, as the app has.
process.env.AUTH_SECRET ||= "integration-tests-auth-secret-0123456789abcdef";

/** The cookies the actions set (the sign-in page's language, the pending sign-in); clear it between tests that read one. */
export const cookieJar = new Map<string, string>();

/** The name of the pending sign-in cookie (over plain HTTP, as in tests). */
export const PENDING_COOKIE = "central-admin.pending-sign-in";

/** The request's headers as the actions read them (e.g. X-Forwarded-For, the client's address); empty unless a test sets one. */
export const requestHeaders = new Headers();

vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (cookieJar.has(name) ? { value: cookieJar.get(name) } : undefined),
    // A cookie set to expire (maxAge 0) is deleted, as a browser would.
    set: (name: string, value: string, options?: { maxAge?: number }) => (options?.maxAge === 0 ? cookieJar.delete(name) : cookieJar.set(name, value)),
    delete: (name: string) => cookieJar.delete(name),
  }),
  headers: async () => new Headers(requestHeaders),
}));

/** The users Auth.js was asked to issue a session for (the provider accepted them), in order. */
export const sessionsIssued: string[] = [];

vi.mock("@/lib/auth/config", async () => {
  const { CredentialsSignin } = await import("next-auth");
  const { authorizeCredentials } = await import("@/lib/auth/authenticate");
  return {
    signIn: async (_provider: string, raw: unknown) => {
      const user = await authorizeCredentials(raw);
      if (!user) throw new CredentialsSignin();
      sessionsIssued.push(user.id);
    },
    signOut: async () => undefined,
  };
});

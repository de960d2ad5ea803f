import type { NextAuthConfig } from "next-auth";
import { pastAbsoluteLifetime, sessionCookies, sessionLifetimes } from "@/lib/auth/session-settings";

/**
 * The Auth.js settings the proxy shares with the sign-in configuration (lib/auth/config.ts), without
 * its providers (which reach the database). Credentials sign-in implies JWT sessions; each token
 * carries the user's session version, which getCurrentUser compares with the database on every
 * request, so bumping it revokes the session. The token's expiry is the idle lifetime, renewed by
 * the proxy on each request; the sign-in time bounds it absolutely. See decision 0003.
 */
export function baseAuthConfig(): NextAuthConfig {
  return {
    trustHost: true,
    session: { strategy: "jwt", maxAge: sessionLifetimes().idleSeconds },
    cookies: sessionCookies(),
    pages: { signIn: "/sign-in" },
    providers: [],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sv = (user as { sessionVersion: number }).sessionVersion;
          token.signedInAt = Math.floor(Date.now() / 1000);
        }
        return pastAbsoluteLifetime(token.signedInAt) ? null : token;
      },
      session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv };
      },
    },
  };
}

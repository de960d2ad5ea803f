import type { NextAuthConfig } from "next-auth";
import { authLogger } from "@/lib/auth/sign-in-log";
import { pastAbsoluteLifetime, sessionCookies, sessionLifetimes } from "@/lib/auth/session-settings";

/**
 * The Auth.js settings the proxy shares with the sign-in configuration (lib/auth/config.ts), without
 * its providers (which reach the database). Credentials sign-in implies JWT sessions; each token
 * carries the id of its session row (`sid`, created by the provider's authorize) and the user's
 * session version, which getCurrentUser checks against the database on every request: revoking
 * the row ends this session, bumping the version ends all of the user's. The token's expiry is the
 * idle lifetime, renewed by the proxy on each request; the sign-in time bounds it absolutely. The
 * proxy runs this callback too, so it must never reach the database. See decision 0003.
 */
export function baseAuthConfig(): NextAuthConfig {
  return {
    trustHost: true,
    session: { strategy: "jwt", maxAge: sessionLifetimes().idleSeconds },
    cookies: sessionCookies(),
    pages: { signIn: "/sign-in" },
    // One JSON line per error, a failed sign-in's without its email or a stack trace (lib/auth/sign-in-log.ts).
    logger: authLogger,
    providers: [],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          const signedIn = user as { id: string; sessionVersion: number; sessionId: string };
          token.uid = signedIn.id;
          token.sv = signedIn.sessionVersion;
          token.sid = signedIn.sessionId;
          token.signedInAt = Math.floor(Date.now() / 1000);
        }
        return pastAbsoluteLifetime(token.signedInAt) ? null : token;
      },
      session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv, sid: token.sid };
      },
    },
  };
}

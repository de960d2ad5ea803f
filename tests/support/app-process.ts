// Starts the real app (`scripts/start.ts`: migrations, `next build` if the sources changed, the web
// server with its in-process workers) on this test file's database, and signs requests in as a
// user with a session cookie minted the way Auth.js mints it.
import type { ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { encode } from "next-auth/jwt";
import { sessionCookies, sessionLifetimes } from "../../lib/auth/session-settings";
import { startApp } from "./script-process";

const SESSION_COOKIE = sessionCookies(false).sessionToken.name; // the app is served over plain http here

export interface AppProcess {
  base: string;
  process: ChildProcess;
  /** What the app wrote to stdout and stderr. */
  output(): string;
  /** A Cookie header signing requests in as this user. */
  sessionCookie(user: { id: string; sessionVersion: number }): Promise<string>;
  stop(): Promise<void>;
}

export async function startAppProcess(): Promise<AppProcess> {
  const secret = crypto.randomBytes(32).toString("base64url");
  // Without the test run's SMTP_URL: mail is captured.
  const app = await startApp({ SMTP_URL: undefined, AUTH_SECRET: secret }, 600_000);
  return {
    base: app.base,
    process: app.child,
    output: app.output,
    async sessionCookie(user) {
      const token = await encode({
        token: { uid: user.id, sv: user.sessionVersion, signedInAt: Math.floor(Date.now() / 1000) },
        secret, salt: SESSION_COOKIE, maxAge: sessionLifetimes().idleSeconds,
      });
      return `${SESSION_COOKIE}=${token}`;
    },
    stop: () => app.stop(),
  };
}

// Starts the real app (`scripts/start.ts`: migrations, `next build` if the sources changed, the web
// server with its in-process workers) on this test file's database, and signs requests in as a
// user with a session cookie minted the way Auth.js mints it, for a session row made the way
// signing in makes one.
import type { ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { encode } from "next-auth/jwt";
import { startSession } from "../../lib/auth/sessions";
import { sessionCookies, sessionLifetimes } from "../../lib/auth/session-settings";
import { getDb } from "../../lib/db/client";
import { startApp } from "./script-process";
import { CLIENT_IP_HEADER } from "@/lib/security/client-ip";

const SESSION_COOKIE = sessionCookies(false).sessionToken.name; // the app is served over plain http here

export interface AppProcess {
  base: string;
  process: ChildProcess;
  /** What the app wrote to stdout and stderr. */
  output(): string;
  /** A Cookie header signing requests in as this user, in a new session (the app's database is this file's). */
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
      const sid = await startSession(getDb(), user.id, new Headers({ "user-agent": "central-admin tests", [CLIENT_IP_HEADER]: "127.0.0.1" }));
      const token = await encode({
        token: { uid: user.id, sv: user.sessionVersion, sid, signedInAt: Math.floor(Date.now() / 1000) },
        secret, salt: SESSION_COOKIE, maxAge: sessionLifetimes().idleSeconds,
      });
      return `${SESSION_COOKIE}=${token}`;
    },
    stop: () => app.stop(),
  };
}

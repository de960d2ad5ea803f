// Starts the real app (`scripts/start.ts`: migrations, `next build` if the sources changed, `next
// start` with its in-process workers) on this test file's database, and signs requests in as a
// user with a session cookie minted the way Auth.js mints it.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { sessionCookies, sessionLifetimes } from "../../lib/auth/session-settings";
import { freePort } from "../../scripts/free-port";

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

export async function startAppProcess(env: Record<string, string> = {}, startTimeoutMs = 600_000): Promise<AppProcess> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "central-admin-app-"));
  const secret = crypto.randomBytes(32).toString("base64url");
  const base = `http://127.0.0.1:${port}`;
  const { SMTP_URL: _smtp, ...inherited } = process.env;
  const app = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    env: { ...inherited, QUEUE_POLL_SECONDS: "0.5", AUTH_SECRET: secret, APP_URL: base, ...env, PORT: String(port), DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-1_000_000));
  app.stdout!.on("data", keep);
  app.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => (app.exitCode !== null ? resolve() : app.once("exit", () => resolve())));
  const stop = async () => {
    if (app.exitCode === null) app.kill("SIGTERM");
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + startTimeoutMs;
    for (;;) {
      if (app.exitCode !== null) throw new Error(`the app exited (${app.exitCode}):\n${output}`);
      if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
      if (Date.now() > deadline) throw new Error(`the app didn't start:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    base,
    process: app,
    output: () => output,
    async sessionCookie(user) {
      const token = await encode({
        token: { uid: user.id, sv: user.sessionVersion, signedInAt: Math.floor(Date.now() / 1000) },
        secret, salt: SESSION_COOKIE, maxAge: sessionLifetimes().idleSeconds,
      });
      return `${SESSION_COOKIE}=${token}`;
    },
    stop,
  };
}

// No `server-only` marker: scripts/start.ts and scripts/account-create.ts use it too.
import path from "node:path";

/** Where `npm start` keeps its files (the embedded database, the auth secret, the setup link): `DATA_DIR`, default .data. */
export const dataDir = () => path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR ?? ".data");

/** The file the first start writes the one-time setup link to (mode 0600), deleted once setup is done. */
export const setupTokenFile = (dir = dataDir()) => path.join(/*turbopackIgnore: true*/ dir, "setup-token");

/** The app's public address as `npm start` sets it: `APP_URL`, else the address it listens on (HOSTNAME, PORT). */
export function publicAppUrl(): string {
  if (process.env.APP_URL) return process.env.APP_URL;
  const host = process.env.HOSTNAME ?? "127.0.0.1";
  return `http://${host === "0.0.0.0" ? "localhost" : host}:${process.env.PORT ?? 3000}`;
}

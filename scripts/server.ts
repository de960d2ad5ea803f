// The app's web server: Next.js' request handler (its documented custom server API) behind a plain
// Node HTTP server that decides, from the socket, who the client is before Next.js sees the request.
// scripts/start.ts runs it (`npm start`, `npm run dev` with --dev); PORT and HOSTNAME as for `next start`.
//   - The client's address goes into our own header (CLIENT_IP_HEADER), any client-sent copy first
//     deleted: the socket's address, or with TRUST_PROXY the right-most untrusted X-Forwarded-For
//     entry (lib/security/client-address.ts). Next.js would otherwise keep a client's X-Forwarded-For.
//   - A form post over the server actions' body limit is sent back to its page with ?tooLarge=1
//     (lib/security/body-limit.ts) instead of reaching Next.js, which would answer with an error page.
//   - Without TRUST_PROXY, X-Forwarded-For, -Host, -Proto and -Port sent by a client are dropped:
//     nobody vouches for them, and Next.js then fills them in from the socket and Host header.
// SIGTERM/SIGINT: stop accepting connections, let requests in flight finish (10 s at most), close.
import http from "node:http";
import { oversizedFormPost } from "@/lib/security/body-limit";
import { clientAddress, proxyTrust } from "@/lib/security/client-address";
import { CLIENT_IP_HEADER } from "@/lib/security/client-ip";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? "127.0.0.1";
const trusted = proxyTrust(process.env.TRUST_PROXY);
const FORWARDED = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"];
const GRACE_MS = 10_000;
/** An oversized form post is read to its end (so the browser sees the answer) up to this size. */
const DRAIN_LIMIT_BYTES = 128 * 1024 * 1024;

// As the `next` CLI does before it loads the server.
(process.env as Record<string, string>).NODE_ENV ||= dev ? "development" : "production";
process.env.NEXT_RUNTIME = "nodejs";
const { default: next } = await import("next");

const server = http.createServer();
const app = next({ dev, hostname, port, dir: process.cwd(), httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();

/**
 * Sends an oversized form post back to its page (lib/security/body-limit.ts) once its body is read
 * and dropped: a browser answered before it has sent everything shows a connection error instead.
 */
function sendBack(req: http.IncomingMessage, res: http.ServerResponse, location: string) {
  let received = 0;
  req.on("data", (chunk: Buffer) => {
    received += chunk.length;
    if (received > DRAIN_LIMIT_BYTES) res.writeHead(413, { connection: "close" }).end(() => req.destroy());
  });
  req.on("end", () => {
    if (!res.headersSent) res.writeHead(303, { location, "cache-control": "no-store" }).end();
  });
}

server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
  const tooLarge = oversizedFormPost(req.method, req.url, req.headers);
  if (tooLarge) return sendBack(req, res, tooLarge);
  req.headers[CLIENT_IP_HEADER] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trusted);
  if (!trusted) for (const name of FORWARDED) delete req.headers[name];
  handle(req, res).catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500).end();
    else res.destroy();
  });
});
server.listen(port, hostname, () => console.log(`▲ Next.js ${dev ? "dev server" : "server"} ready on http://${hostname}:${port}`));

let closing = false;
async function close() {
  if (closing) return;
  closing = true;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  if (dev) server.closeAllConnections();
  const force = setTimeout(() => server.closeAllConnections(), GRACE_MS);
  await closed;
  clearTimeout(force);
  await app.close().catch((error: unknown) => console.error(error));
  process.exit(0);
}
process.on("SIGTERM", () => void close());
process.on("SIGINT", () => void close());

// What the app reads of the client's address. No imports: the proxy bundle uses trustProxy().

/**
 * The request header in which the app's web server (scripts/server.ts) puts the client's address,
 * after deleting any copy the client sent. Nothing else may set it.
 */
export const CLIENT_IP_HEADER = "x-central-admin-client-ip";

/** Whether the app sits behind proxies that set X-Forwarded-For, -Host and -Proto (TRUST_PROXY: `true` or a list of addresses). */
export function trustProxy(): boolean {
  const setting = process.env.TRUST_PROXY?.trim().toLowerCase();
  return !!setting && setting !== "false";
}

/**
 * The client's address for rate limits, as the web server decided it from the socket (and, behind
 * trusted proxies, X-Forwarded-For: lib/security/client-address.ts). "unknown" when the app is
 * served some other way (`next start` alone), which then shares one allowance between all clients.
 */
export function clientIp(headers: Headers): string {
  return (headers.get(CLIENT_IP_HEADER)?.trim() || "unknown").slice(0, 64);
}

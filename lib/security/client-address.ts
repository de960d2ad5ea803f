// The client's address of a request, decided once by the web server (scripts/server.ts) from the
// socket and, behind trusted proxies (TRUST_PROXY), X-Forwarded-For. Node only (node:net): never
// imported by the proxy bundle or the app, which read the result with clientIp().
import net from "node:net";

/** Whether an address (normalized: no port, no IPv4-mapped prefix) belongs to a proxy the app trusts. */
export type ProxyTrust = (address: string) => boolean;

const LOOPBACK_AND_PRIVATE = [
  "127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", // IPv4: loopback, RFC 1918, link-local
  "::1/128", "fc00::/7", "fe80::/10", // IPv6: loopback, unique local, link-local
];

/**
 * TRUST_PROXY: unset or `false` → null, no proxy is trusted; `true` → loopback and private
 * addresses are proxies; otherwise a comma-separated list of proxy addresses and CIDR ranges
 * (`10.0.0.0/8, 203.0.113.10`). Throws on an entry that is neither.
 */
export function proxyTrust(setting: string | undefined): ProxyTrust | null {
  const value = setting?.trim() ?? "";
  if (value === "" || value.toLowerCase() === "false") return null;
  const ranges = value.toLowerCase() === "true" ? LOOPBACK_AND_PRIVATE : value.split(",").map((entry) => entry.trim()).filter(Boolean);
  const list = new net.BlockList();
  for (const range of ranges) {
    const [address, bits, extra] = range.split("/");
    const family = net.isIP(address);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (!family || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
      throw new Error(`TRUST_PROXY: "${range}" is neither an IP address nor a CIDR range (expected true, false or a list such as 10.0.0.0/8,203.0.113.10).`);
    }
    list.addSubnet(address, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  return (address) => {
    const family = net.isIP(address);
    return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
  };
}

/** An address as a socket or an X-Forwarded-For entry gives it, without port or brackets; null if it isn't one. */
export function normalizeAddress(entry: string): string | null {
  let address = entry.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address); // [2001:db8::1]:443
  if (bracketed) address = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":")); // 192.0.2.1:443
  if (address.startsWith("::ffff:") && net.isIPv4(address.slice(7))) address = address.slice(7); // IPv4-mapped IPv6
  return net.isIP(address) ? address : null;
}

/**
 * The client's address: the socket's, unless the socket is a trusted proxy. Then X-Forwarded-For
 * is read from the right, each entry being the peer that the proxy to its right saw: the first
 * address that isn't a trusted proxy is the client (entries to its left were written by the
 * client, or by proxies nobody vouches for). If every hop is trusted, the left-most one.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: ProxyTrust | null): string {
  const socket = normalizeAddress(socketAddress ?? "");
  if (!socket) return "unknown";
  if (!trusted || !trusted(socket)) return socket;
  const chain = [forwardedFor ?? []].flat().join(",").split(",").map((entry) => entry.trim()).filter(Boolean);
  for (let i = chain.length - 1; i >= 0; i--) {
    const address = normalizeAddress(chain[i]);
    if (!address || !trusted(address)) return (address ?? chain[i]).slice(0, 64);
  }
  return normalizeAddress(chain[0] ?? "") ?? socket;
}

/** Whether the app sits behind a proxy that sets X-Forwarded-For and X-Forwarded-Host (TRUST_PROXY=true). */
export const trustProxy = () => process.env.TRUST_PROXY === "true";

/**
 * The client's address for rate limits. Next.js fills X-Forwarded-For with the socket's address
 * unless the request already carries one. Behind a load balancer that appends the address it saw
 * (TRUST_PROXY=true), that last entry is the client; otherwise the first entry is used, which a
 * client talking to the app directly could set itself — hence the per-email limit too.
 */
export function clientIp(headers: Headers): string {
  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").map((part) => part.trim()).filter(Boolean);
  const ip = trustProxy() ? forwarded.at(-1) : forwarded[0];
  return (ip ?? "unknown").slice(0, 64);
}

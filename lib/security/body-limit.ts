// Form posts larger than server actions accept. Next.js refuses a body over its action limit with
// a bare error page (a 500 to the user) before any of our code runs; without JavaScript that is
// what a too-large CSV file got. Our web server (scripts/server.ts) catches such a post first and
// sends the browser back to the page with `?tooLarge=1`, where the form says what was wrong.

/** The body limit of server actions: next.config.ts gives Next.js this same number. */
export const ACTION_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/** The query parameter a page reads to say that what was sent was too large. */
export const TOO_LARGE_PARAM = "tooLarge";

/**
 * Where to send the browser instead of handing this request to Next.js: a form post (not an action
 * called by the app's own JavaScript, which checks sizes before sending) whose declared size is
 * over the limit goes back to its page, with the parameter added. Otherwise null.
 */
export function oversizedFormPost(method: string | undefined, url: string | undefined, headers: Record<string, string | string[] | undefined>): string | null {
  if (method !== "POST" || headers["next-action"] !== undefined) return null;
  const length = Number(headers["content-length"]);
  if (!Number.isFinite(length) || length <= ACTION_BODY_LIMIT_BYTES) return null;
  const target = new URL(url ?? "/", "http://app.invalid");
  if (!target.pathname.startsWith("/") || target.pathname.startsWith("//") || target.pathname.startsWith("/api/") || target.pathname.startsWith("/scim/") || target.pathname.startsWith("/sso/")) return null;
  target.searchParams.set(TOO_LARGE_PARAM, "1");
  return `${target.pathname}${target.search}`;
}

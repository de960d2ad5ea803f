import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { isPrefetch, renewalDue, renewalInterval, sessionNeedsRenewal } from "@/lib/auth/renewal";

const SECRET = "renewal-test-secret-0123456789abcdef";
const COOKIE = "central-admin.session";

function cookies(values: Record<string, string>) {
  return { get: (name: string) => (name in values ? { value: values[name] } : undefined) };
}

async function tokenIssuedSecondsAgo(seconds: number, secret = SECRET) {
  vi.useFakeTimers({ now: Date.now() - seconds * 1000, toFake: ["Date"] });
  try {
    return await encode({ token: { uid: "u1", sv: 0 }, secret, salt: COOKIE, maxAge: 3600 });
  } finally {
    vi.useRealTimers();
  }
}

describe("session renewal", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("renews at most once a minute, sooner for short idle lifetimes", () => {
    expect(renewalInterval(3600)).toBe(60);
    expect(renewalInterval(12)).toBeCloseTo(1.2);
    expect(renewalDue(1000, 1059, 3600)).toBe(false);
    expect(renewalDue(1000, 1060, 3600)).toBe(true);
    expect(renewalDue(undefined, 1000, 3600)).toBe(true);
  });

  it("tells link prefetches from navigations", () => {
    expect(isPrefetch(new Headers({ "next-router-prefetch": "1" }))).toBe(true);
    expect(isPrefetch(new Headers({ "sec-purpose": "prefetch;prerender" }))).toBe(true);
    expect(isPrefetch(new Headers({ rsc: "1" }))).toBe(false);
    expect(isPrefetch(new Headers())).toBe(false);
  });

  it("renews a session cookie issued over a minute ago, not a fresh one, and never for a prefetch", async () => {
    vi.stubEnv("AUTH_SECRET", SECRET);
    vi.stubEnv("SESSION_IDLE_MINUTES", "60");
    const fresh = await tokenIssuedSecondsAgo(5);
    const due = await tokenIssuedSecondsAgo(90);
    expect(await sessionNeedsRenewal(new Headers(), cookies({ [COOKIE]: fresh }))).toBe(false);
    expect(await sessionNeedsRenewal(new Headers(), cookies({ [COOKIE]: due }))).toBe(true);
    expect(await sessionNeedsRenewal(new Headers({ "next-router-prefetch": "1" }), cookies({ [COOKIE]: due }))).toBe(false);
  });

  it("leaves requests without a session alone, and hands unreadable or chunked cookies to Auth.js", async () => {
    vi.stubEnv("AUTH_SECRET", SECRET);
    expect(await sessionNeedsRenewal(new Headers(), cookies({}))).toBe(false);
    expect(await sessionNeedsRenewal(new Headers(), cookies({ [COOKIE]: "not-a-token" }))).toBe(true);
    expect(await sessionNeedsRenewal(new Headers(), cookies({ [COOKIE]: await tokenIssuedSecondsAgo(5, "another-secret-0123456789abcdefgh") }))).toBe(true);
    expect(await sessionNeedsRenewal(new Headers(), cookies({ [`${COOKIE}.0`]: "part" }))).toBe(true);
  });
});

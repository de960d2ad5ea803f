import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, sameOrigin } from "@/lib/security/headers";

const directives = (policy: string) => Object.fromEntries(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));

describe("Content-Security-Policy", () => {
  it("allows scripts only with the response's nonce: no inline script, no eval in production", () => {
    const policy = directives(contentSecurityPolicy("abc123", { dev: false }));
    expect(policy["script-src"]).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy["frame-ancestors"]).toBe("'none'");
    expect(policy["object-src"]).toBe("'none'");
    expect(policy["base-uri"]).toBe("'self'");
    expect(policy["form-action"]).toBe("'self'");
  });

  it("allows eval only for next dev (its hot reloading needs it)", () => {
    expect(directives(contentSecurityPolicy("n", { dev: true }))["script-src"]).toContain("'unsafe-eval'");
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    expect(Buffer.from([...nonces][0], "base64")).toHaveLength(16);
  });
});

describe("sameOrigin (state-changing requests)", () => {
  it.each([
    ["the request's own host", "http://127.0.0.1:3000", "127.0.0.1:3000", undefined, true],
    ["APP_URL's host behind a proxy", "https://admin.example.com", "10.0.0.5:3000", "https://admin.example.com", true],
    ["another site", "https://evil.example", "127.0.0.1:3000", "http://127.0.0.1:3000", false],
    ["a look-alike host", "http://127.0.0.1:3000.evil.example", "127.0.0.1:3000", undefined, false],
    ["another port", "http://127.0.0.1:4000", "127.0.0.1:3000", undefined, false],
    ["the null origin", "null", "127.0.0.1:3000", undefined, false],
    ["no Origin at all", null, "127.0.0.1:3000", undefined, false],
    ["a malformed Origin", "not a url", "127.0.0.1:3000", undefined, false],
  ])("%s", (_name, origin, host, appUrl, expected) => {
    expect(sameOrigin(origin, host, appUrl)).toBe(expected);
  });
});

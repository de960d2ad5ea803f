import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, requestOrigin, sameOrigin } from "@/lib/security/headers";

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

  it("lets the pages that start a single sign-on post forms on to an identity provider: https, and http only when SSO_ALLOW_HTTP allows it", () => {
    expect(directives(contentSecurityPolicy("n", { dev: false, ssoForms: { allowHttp: false } }))["form-action"]).toBe("'self' https:");
    expect(directives(contentSecurityPolicy("n", { dev: false, ssoForms: { allowHttp: true } }))["form-action"]).toBe("'self' https: http:");
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

describe("sameOrigin (state-changing requests): scheme, host and port", () => {
  it.each([
    ["the request's own origin", "http://127.0.0.1:3000", "http://127.0.0.1:3000", undefined, true],
    ["APP_URL's origin behind a proxy", "https://admin.example.com", "http://10.0.0.5:3000", "https://admin.example.com", true],
    ["APP_URL with its default port spelled out", "https://admin.example.com", null, "https://admin.example.com:443/", true],
    ["another site", "https://evil.example", "http://127.0.0.1:3000", "http://127.0.0.1:3000", false],
    ["a look-alike host", "http://127.0.0.1:3000.evil.example", "http://127.0.0.1:3000", undefined, false],
    ["another port", "http://127.0.0.1:4000", "http://127.0.0.1:3000", undefined, false],
    ["the own host over another scheme", "https://127.0.0.1:3000", "http://127.0.0.1:3000", undefined, false],
    ["http for an https APP_URL", "http://admin.example.com", null, "https://admin.example.com", false],
    ["http for an https APP_URL, even on the request's own http origin", "http://admin.example.com", "http://admin.example.com", "https://admin.example.com", false],
    ["https for an http APP_URL", "https://127.0.0.1:3000", null, "http://127.0.0.1:3000", false],
    ["the own origin of another host while APP_URL is https (served directly)", "http://127.0.0.1:3000", "http://127.0.0.1:3000", "https://admin.example.com", true],
    ["another scheme altogether", "file://admin.example.com", "http://admin.example.com", undefined, false],
    ["the null origin", "null", "http://127.0.0.1:3000", undefined, false],
    ["no Origin at all", null, "http://127.0.0.1:3000", undefined, false],
    ["a malformed Origin", "not a url", "http://127.0.0.1:3000", undefined, false],
  ])("%s", (_name, origin, ownOrigin, appUrl, expected) => {
    expect(sameOrigin(origin, ownOrigin, appUrl)).toBe(expected);
  });
});

describe("requestOrigin (the origin a request was sent to)", () => {
  const headers = new Headers({ host: "10.0.0.5:3000", "x-forwarded-host": "admin.example.com", "x-forwarded-proto": "https" });

  it("without TRUST_PROXY: http and the Host header, X-Forwarded-* ignored", () => {
    expect(requestOrigin(headers, false)).toBe("http://10.0.0.5:3000");
    expect(requestOrigin(new Headers(), false)).toBeNull();
  });

  it("with TRUST_PROXY: the proxy's X-Forwarded-Proto and X-Forwarded-Host (the right-most value)", () => {
    expect(requestOrigin(headers, true)).toBe("https://admin.example.com");
    expect(requestOrigin(new Headers({ host: "a.example", "x-forwarded-proto": "http, https" }), true)).toBe("https://a.example");
    expect(requestOrigin(new Headers({ host: "a.example" }), true)).toBe("http://a.example");
    expect(requestOrigin(new Headers({ host: "a.example", "x-forwarded-proto": "gopher" }), true)).toBeNull();
  });

  it("an http Origin is refused behind a TLS proxy", () => {
    expect(sameOrigin("http://admin.example.com", requestOrigin(headers, true), undefined)).toBe(false);
    expect(sameOrigin("https://admin.example.com", requestOrigin(headers, true), undefined)).toBe(true);
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { clientAddress, normalizeAddress, proxyTrust } from "@/lib/security/client-address";
import { CLIENT_IP_HEADER, clientIp, trustProxy } from "@/lib/security/client-ip";

afterEach(() => vi.unstubAllEnvs());

describe("clientAddress (the web server's rule)", () => {
  const privateProxies = proxyTrust("true");

  it("without TRUST_PROXY: the socket's address, whatever X-Forwarded-For says", () => {
    expect(clientAddress("127.0.0.1", "203.0.113.9", null)).toBe("127.0.0.1");
    expect(clientAddress("::ffff:198.51.100.4", ["203.0.113.9", "10.0.0.1"], null)).toBe("198.51.100.4");
    expect(clientAddress(undefined, "203.0.113.9", null)).toBe("unknown");
  });

  it.each([
    ["one proxy appended the client", "203.0.113.9", "10.0.0.5", "203.0.113.9"],
    ["entries a client forged to the left are skipped", "1.1.1.1, 8.8.8.8, 203.0.113.9", "10.0.0.5", "203.0.113.9"],
    ["trusted hops to the right are skipped", "203.0.113.9, 192.168.1.1, 10.1.1.1", "127.0.0.1", "203.0.113.9"],
    ["the right-most untrusted one wins over a forged one to its left", "203.0.113.9, 198.51.100.2", "10.0.0.5", "198.51.100.2"],
    ["a socket that isn't a proxy: X-Forwarded-For ignored", "203.0.113.9", "198.51.100.2", "198.51.100.2"],
    ["no X-Forwarded-For: the proxy itself", undefined, "10.0.0.5", "10.0.0.5"],
    ["every hop private: the left-most one", "10.9.9.9, 10.0.0.2", "10.0.0.5", "10.9.9.9"],
    ["ports and brackets are dropped", "[2001:db8::7]:51000, 192.0.2.1:443", "::1", "192.0.2.1"],
    ["IPv6 clients", "2001:db8::7", "fd00::1", "2001:db8::7"],
    ["a garbage entry in the untrusted position is the key, truncated", `${"x".repeat(100)}`, "10.0.0.5", "x".repeat(64)],
  ])("TRUST_PROXY=true: %s", (_name, forwardedFor, socket, expected) => {
    expect(clientAddress(socket, forwardedFor, privateProxies)).toBe(expected);
  });

  it("TRUST_PROXY as a list trusts those addresses and ranges only", () => {
    const listed = proxyTrust("203.0.113.10, 198.51.100.0/24");
    expect(clientAddress("203.0.113.10", "10.0.0.7", listed)).toBe("10.0.0.7"); // a private client is no proxy here
    expect(clientAddress("203.0.113.10", "192.0.2.1, 198.51.100.77", listed)).toBe("192.0.2.1");
    expect(clientAddress("127.0.0.1", "192.0.2.1", listed)).toBe("127.0.0.1"); // loopback not listed
  });

  it("parses TRUST_PROXY strictly", () => {
    expect(proxyTrust(undefined)).toBeNull();
    expect(proxyTrust("")).toBeNull();
    expect(proxyTrust("false")).toBeNull();
    expect(privateProxies!("172.31.255.255")).toBe(true);
    expect(privateProxies!("172.32.0.1")).toBe(false);
    expect(privateProxies!("::1")).toBe(true);
    expect(privateProxies!("2001:db8::1")).toBe(false);
    expect(() => proxyTrust("yes")).toThrow(/TRUST_PROXY/);
    expect(() => proxyTrust("10.0.0.0/33")).toThrow(/TRUST_PROXY/);
  });

  it("normalizes addresses", () => {
    expect(normalizeAddress(" ::FFFF:10.0.0.1 ")).toBe("10.0.0.1");
    expect(normalizeAddress("[::1]")).toBe("::1");
    expect(normalizeAddress("unknown")).toBeNull();
  });
});

describe("clientIp (what the app reads)", () => {
  it("reads only the web server's header, never X-Forwarded-For", () => {
    expect(clientIp(new Headers({ [CLIENT_IP_HEADER]: "198.51.100.2", "x-forwarded-for": "203.0.113.7" }))).toBe("198.51.100.2");
    vi.stubEnv("TRUST_PROXY", "true");
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.7" }))).toBe("unknown");
    expect(clientIp(new Headers())).toBe("unknown");
  });

  it("trustProxy: true for `true` or a list", () => {
    vi.stubEnv("TRUST_PROXY", undefined);
    expect(trustProxy()).toBe(false);
    vi.stubEnv("TRUST_PROXY", "false");
    expect(trustProxy()).toBe(false);
    vi.stubEnv("TRUST_PROXY", "10.0.0.0/8");
    expect(trustProxy()).toBe(true);
  });
});

import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { DnsUnavailable, domainProven, verificationRecordName, verificationRecordValue } from "@/lib/sso/dns";
import { freePort } from "@/scripts/free-port";
import { startFakeDns, type FakeDns } from "../support/fake-dns";

let dns: FakeDns;
const previousServers = process.env.SSO_DNS_SERVERS;
const TOKEN = "k3Xq9v2LwP0aZb7N";

beforeAll(async () => {
  dns = await startFakeDns();
  process.env.SSO_DNS_SERVERS = dns.server;
});

afterAll(async () => {
  if (previousServers === undefined) delete process.env.SSO_DNS_SERVERS;
  else process.env.SSO_DNS_SERVERS = previousServers;
  await dns?.stop();
});

beforeEach(() => dns.clear());

test("the record names the domain and carries the token", () => {
  expect(verificationRecordName("example.com")).toBe("_central-admin-challenge.example.com");
  expect(verificationRecordValue(TOKEN)).toBe(`central-admin-domain-verification=${TOKEN}`);
});

test("a published record proves the domain", async () => {
  dns.setTxt(verificationRecordName("acme.test"), [verificationRecordValue(TOKEN)]);
  expect(await domainProven("acme.test", TOKEN)).toBe(true);
});

test("the record may sit among other TXT records at the name", async () => {
  dns.setTxt(verificationRecordName("acme.test"), ["v=spf1 -all", verificationRecordValue(TOKEN)]);
  expect(await domainProven("acme.test", TOKEN)).toBe(true);
});

test("a record with another token does not prove it", async () => {
  dns.setTxt(verificationRecordName("acme.test"), [verificationRecordValue("another-token")]);
  expect(await domainProven("acme.test", TOKEN)).toBe(false);
});

test("the value must match whole, not as a prefix or inside a longer record", async () => {
  dns.setTxt(verificationRecordName("acme.test"), [`${verificationRecordValue(TOKEN)}x`, `x${verificationRecordValue(TOKEN)}`]);
  expect(await domainProven("acme.test", TOKEN)).toBe(false);
});

test("the right value under another name (the bare domain) does not prove it", async () => {
  dns.setTxt("acme.test", [verificationRecordValue(TOKEN)]);
  expect(await domainProven("acme.test", TOKEN)).toBe(false);
});

test("no such name (NXDOMAIN) is false", async () => {
  expect(await domainProven("nobody.test", TOKEN)).toBe(false);
});

test("a name without TXT records (NODATA) is false", async () => {
  dns.setTxt(verificationRecordName("acme.test"), []);
  expect(await domainProven("acme.test", TOKEN)).toBe(false);
});

test("a record published in several chunks is joined", async () => {
  const value = verificationRecordValue(TOKEN);
  dns.setTxt(verificationRecordName("acme.test"), [[value.slice(0, 20), value.slice(20)]]);
  expect(await domainProven("acme.test", TOKEN)).toBe(true);
});

test("a value longer than one 255-byte chunk is joined", async () => {
  const longToken = "t".repeat(300);
  dns.setTxt(verificationRecordName("acme.test"), [verificationRecordValue(longToken)]);
  expect(await domainProven("acme.test", longToken)).toBe(true);
});

test("SERVFAIL is DnsUnavailable, not false", async () => {
  dns.setServfail(verificationRecordName("acme.test"));
  await expect(domainProven("acme.test", TOKEN, { timeoutMs: 300, tries: 1 })).rejects.toBeInstanceOf(DnsUnavailable);
});

test("an unreachable DNS server is DnsUnavailable", async () => {
  const closed = await freePort();
  process.env.SSO_DNS_SERVERS = `127.0.0.1:${closed}`;
  try {
    await expect(domainProven("acme.test", TOKEN, { timeoutMs: 200, tries: 1 })).rejects.toBeInstanceOf(DnsUnavailable);
  } finally {
    process.env.SSO_DNS_SERVERS = dns.server;
  }
});

test("an injected resolver is used instead of the DNS", async () => {
  const asked: string[] = [];
  const resolver = {
    async resolveTxt(name: string) {
      asked.push(name);
      return [[verificationRecordValue(TOKEN)]];
    },
  };
  expect(await domainProven("injected.test", TOKEN, { resolver })).toBe(true);
  expect(asked).toEqual(["_central-admin-challenge.injected.test"]);
  const timingOut = { resolveTxt: () => Promise.reject(Object.assign(new Error("queryTxt ETIMEOUT"), { code: "ETIMEOUT" })) };
  await expect(domainProven("injected.test", TOKEN, { resolver: timingOut })).rejects.toBeInstanceOf(DnsUnavailable);
});

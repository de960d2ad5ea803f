// Domain ownership proven by a DNS TXT record. No Next.js and no database here.
import { Resolver } from "node:dns/promises";

/** The TXT record name and value an account publishes to prove a domain. */
export const verificationRecordName = (domain: string) => `_central-admin-challenge.${domain}`;
export const verificationRecordValue = (token: string) => `central-admin-domain-verification=${token}`;

/** The DNS could not answer (SERVFAIL, refused, timeout, unreachable server): try again later. */
export class DnsUnavailable extends Error {
  constructor(message = "DNS unavailable", options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DnsUnavailable";
  }
}

export interface TxtResolver {
  resolveTxt(name: string): Promise<string[][]>;
}

export interface DnsOptions {
  /** Replaces the resolver built from SSO_DNS_SERVERS or the system's. */
  resolver?: TxtResolver;
  /** Per try; default 5 s. */
  timeoutMs?: number;
  /** Default 2. */
  tries?: number;
}

/** node:dns Resolver on SSO_DNS_SERVERS ("127.0.0.1:5353", comma-separated) when set, else the system's servers. */
export function dnsResolver(options: { timeoutMs?: number; tries?: number } = {}): TxtResolver {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 5_000, tries: options.tries ?? 2 });
  const servers = (process.env.SSO_DNS_SERVERS ?? "")
    .split(",")
    .map((server) => server.trim())
    .filter(Boolean);
  if (servers.length) resolver.setServers(servers);
  return resolver;
}

// The name exists without a TXT record (NODATA), does not exist (NXDOMAIN), or cannot exist.
const ABSENT = new Set(["ENODATA", "ENOTFOUND", "EBADNAME"]);

/** True when one TXT record at verificationRecordName(domain) equals verificationRecordValue(token), its chunks joined. */
export async function domainProven(domain: string, token: string, options: DnsOptions = {}): Promise<boolean> {
  if (!token) return false;
  const resolver = options.resolver ?? dnsResolver(options);
  let records: string[][];
  try {
    records = await resolver.resolveTxt(verificationRecordName(domain));
  } catch (error) {
    if (ABSENT.has((error as NodeJS.ErrnoException).code ?? "")) return false;
    throw new DnsUnavailable(`DNS lookup for ${domain} failed`, { cause: error });
  }
  const expected = verificationRecordValue(token);
  return records.some((chunks) => chunks.join("") === expected);
}

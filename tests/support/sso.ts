// Single sign-on fixtures for tests that need an account already set up for it (the permission
// matrix): the test identity providers and DNS server, started once per test file, and accounts
// with a verified domain and a tested, enabled SAML connection, written straight to the database.
import crypto from "node:crypto";
import { afterAll } from "vitest";
import type { TestAccount } from "./accounts";
import { startFakeDns } from "./fake-dns";
import { startOidcProvider } from "./oidc-provider";
import { startSamlIdp } from "./saml-idp";
import { getDb } from "@/lib/db/client";
import { oidcRedirectUri } from "@/lib/sso/connection";
import { verificationRecordName, verificationRecordValue } from "@/lib/sso/dns";
import { parseIdpMetadata } from "@/lib/sso/saml";

type Providers = { oidc: Awaited<ReturnType<typeof startOidcProvider>>; saml: Awaited<ReturnType<typeof startSamlIdp>>; dns: Awaited<ReturnType<typeof startFakeDns>> };

let started: Promise<Providers> | undefined;

/** The OpenID provider (its client registered for the app's redirect URI), the SAML IdP and the DNS server. */
export function ssoTestProviders(): Promise<Providers> {
  started ??= (async () => {
    process.env.SSO_ALLOW_HTTP = "true";
    const [oidc, saml, dns] = await Promise.all([startOidcProvider(), startSamlIdp(), startFakeDns()]);
    process.env.SSO_DNS_SERVERS = dns.server;
    oidc.addClient({ clientId: "central-admin", clientSecret: "a client secret", redirectUris: [oidcRedirectUri()] });
    return { oidc, saml, dns };
  })();
  return started;
}

afterAll(async () => {
  if (!started) return;
  const { oidc, saml, dns } = await started;
  await Promise.all([oidc.stop(), saml.stop(), dns.stop()]);
});

const tag = () => crypto.randomBytes(4).toString("hex");

/** A domain the account claimed; `published`: its TXT record is in the test DNS (so Verify succeeds). */
export async function ssoDomain(account: TestAccount, options: { published?: boolean; verified?: boolean } = {}) {
  const domain = `sso-${tag()}.example`;
  const token = crypto.randomBytes(24).toString("base64url");
  const row = await getDb().ssoDomain.create({
    data: { accountId: account.account.id, domain, token, verifiedAt: options.verified ? new Date() : null },
  });
  if (options.published) (await ssoTestProviders()).dns.setTxt(verificationRecordName(domain), [verificationRecordValue(token)]);
  return { domainId: row.id, ssoDomain: domain };
}

/** A verified domain and a tested SAML connection to the test IdP (on unless `enabled: false`). */
export async function ssoAccount(account: TestAccount, options: { enabled?: boolean } = {}) {
  const idp = parseIdpMetadata((await ssoTestProviders()).saml.metadataXml);
  const { ssoDomain: domain } = await ssoDomain(account, { verified: true });
  await getDb().ssoConnection.create({
    data: {
      accountId: account.account.id, protocol: "SAML", samlIdpEntityId: idp.entityId, samlIdpSsoUrl: idp.ssoUrl,
      samlIdpCertificates: idp.certificates, testedAt: new Date(), enabled: options.enabled ?? true,
    },
  });
  return { ssoDomain: domain };
}

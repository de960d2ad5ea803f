// Single sign-on (issue 18) against real identity providers started here on 127.0.0.1: an OpenID
// provider built on oidc-provider, a SAML identity provider signing real assertions, and a DNS
// server answering the domains' TXT records. The route handlers and actions run as the app runs
// them; only the browser's cookie jar and Auth.js's cookie writing are stood in (support/sign-in).
import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cookieJar, sessionsIssued } from "../support/sign-in";
import { signInAs } from "../support/session";
import { followed } from "../support/redirects";
import { createTestAccount, TEST_PASSWORD, type TestAccount } from "../support/accounts";
import { invite } from "../support/invitations";
import { startFakeDns } from "../support/fake-dns";
import { signInWithoutBrowser, startOidcProvider, type TestOidcProvider } from "../support/oidc-provider";
import { startSamlIdp } from "../support/saml-idp";
import { NextRequest } from "next/server";
import {
  addSsoDomainAction, removeSsoDomainAction, saveOidcConnectionAction, saveSamlConnectionAction, saveSsoPolicyAction,
  setSsoEnabledAction, testSsoConnectionAction, verifySsoDomainAction,
} from "@/app/(app)/settings/single-sign-on/actions";
import { continueWithSsoAction, signInAction, ssoLookupAction } from "@/app/sign-in/actions";
import { oidcCallback, samlAcs, samlFinish, samlMetadata, ssoGo } from "@/http/sso/routes";
import { hashPassword } from "@/lib/auth/password";
import { acceptWelcome, viewInvitation } from "@/lib/invitations/respond";
import { processResetRequest } from "@/lib/password-reset/job";
import { getDb } from "@/lib/db/client";
import { oidcRedirectUri, spSettings } from "@/lib/sso/connection";
import { forgetDiscovery } from "@/lib/sso/oidc";
import { verificationRecordName, verificationRecordValue } from "@/lib/sso/dns";
import { userKeys } from "@/lib/users/search-key";
import en from "@/messages/en.json";

type Result = { ok: boolean; data?: unknown; formError?: string; fieldErrors?: Record<string, string[]> } | { redirectedTo: string };
type Act = (prev: unknown, input: Record<string, unknown>) => Promise<unknown>;
const call = (action: Act, input: Record<string, unknown> = {}) => followed(action(undefined, input)) as Promise<Result>;
const redirectOf = (result: Result) => ("redirectedTo" in result ? result.redirectedTo : `not a redirect: ${JSON.stringify(result)}`);
const FLOW_COOKIE = "central-admin.sso-flow";
/** A flow's start: the app's /sso/go page, then the provider's URL it sends the browser to. */
async function providerUrl(result: Result): Promise<string> {
  const start = redirectOf(result);
  expect(start).toMatch(/^\/sso\/go\?state=/);
  const page = await ssoGo(new NextRequest(`http://localhost:3000${start}`));
  const html = await page.text();
  const href = html.match(/<a href="([^"]+)"/)?.[1] ?? "";
  expect(html).toContain(`<meta http-equiv="refresh" content="0;url=${href}">`);
  return href.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
}

/** Where a route handler's 303 sends the browser: its path and query. */
function location(response: Response): string {
  expect(response.status).toBe(303);
  const to = new URL(response.headers.get("location")!);
  return `${to.pathname}${to.search}`;
}

let dns: Awaited<ReturnType<typeof startFakeDns>>;
let op: TestOidcProvider;
let acme: TestAccount;
let other: TestAccount;
let domain: string;
const CLIENT = { clientId: "central-admin", clientSecret: crypto.randomBytes(24).toString("base64url") };

beforeAll(async () => {
  process.env.SSO_ALLOW_HTTP = "true";
  dns = await startFakeDns();
  process.env.SSO_DNS_SERVERS = dns.server;
  op = await startOidcProvider();
  op.addClient({ ...CLIENT, redirectUris: [oidcRedirectUri()] });
});

afterAll(async () => {
  await op?.stop();
  await dns?.stop();
});

beforeEach(async () => {
  acme = await createTestAccount("Acme");
  other = await createTestAccount("Other");
  domain = `acme-${crypto.randomBytes(4).toString("hex")}.example`;
  cookieJar.clear();
  sessionsIssued.length = 0;
  forgetDiscovery();
});

/** A user of the account at the SSO domain (the test accounts' own users are at test.example). */
async function addUser(account: TestAccount, local: string, status: "ACTIVE" | "INVITED" | "SUSPENDED" = "ACTIVE", role: "MEMBER" | "ADMIN" = "MEMBER") {
  const names = { firstName: local, lastName: "Doe", email: `${local}@${domain}` };
  const passwordHash = status === "ACTIVE" ? await hashPassword(TEST_PASSWORD) : null;
  return getDb().user.create({ data: { accountId: account.account.id, ...names, ...userKeys(names), role, status, passwordHash }, select: { id: true, email: true } });
}

const asHolder = (account = acme) => signInAs(account.users.ACCOUNT_HOLDER);

async function saveOidc(account = acme) {
  asHolder(account);
  return call(saveOidcConnectionAction as Act, { issuer: op.issuer, clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, scopes: "openid email profile" });
}

async function verifiedDomain(account = acme, name = domain) {
  asHolder(account);
  const added = await call(addSsoDomainAction as Act, { domain: name });
  const id = (added as { data: { id: string } }).data.id;
  const { token } = await getDb().ssoDomain.findUniqueOrThrow({ where: { id } });
  dns.setTxt(verificationRecordName(name), [verificationRecordValue(token)]);
  expect(await call(verifySsoDomainAction as Act, { id })).toEqual({ ok: true, data: { id, verified: true } });
  return id;
}

/** The provider's redirect back, as the browser brings it to the callback (with the flow cookie this browser holds). */
async function oidcRoundTrip(providerUrl: string, email: string): Promise<string> {
  const back = await signInWithoutBrowser(providerUrl, email);
  return location(await oidcCallback(new NextRequest(back.toString())));
}

/** Test connection as the holder, through the provider, then turn SSO on. */
async function testAndEnable(account = acme, email = account.users.ACCOUNT_HOLDER.email) {
  asHolder(account);
  const started = await providerUrl(await call(testSsoConnectionAction as Act));
  expect(cookieJar.get(FLOW_COOKIE)).toBeTruthy();
  expect(await oidcRoundTrip(started, email)).toBe("/settings/single-sign-on?test=passed");
  expect(await call(setSsoEnabledAction as Act, { enabled: "true" })).toEqual({ ok: true, data: { enabled: true } });
}

async function ssoSignIn(email: string, providerEmail = email) {
  signInAs(null);
  const started = await call(continueWithSsoAction as Act, { email, callbackUrl: "/people/users" });
  return oidcRoundTrip(await providerUrl(started), providerEmail);
}

describe("Settings › Single sign-on (the account holder's)", () => {
  it("saves an OpenID Connect connection after reading the issuer's discovery; the secret is sealed and appears nowhere", async () => {
    expect(await saveOidc()).toMatchObject({ ok: true, data: { protocol: "OIDC" } });
    const stored = await getDb().ssoConnection.findUniqueOrThrow({ where: { accountId: acme.account.id } });
    expect(stored.oidcClientSecret).toMatch(/^v1\./);
    expect(stored.oidcClientSecret).not.toContain(CLIENT.clientSecret);
    const events = await getDb().auditEvent.findMany({ where: { accountId: acme.account.id, action: "sso.connectionSave" } });
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(CLIENT.clientSecret);
    expect(stored.enabled).toBe(false);
  });

  it("refuses an issuer without a discovery document at the field, a bad URL and scopes without openid, storing nothing", async () => {
    asHolder();
    const unreachable = await call(saveOidcConnectionAction as Act, { issuer: "http://127.0.0.1:9/nothing", clientId: "x", clientSecret: "y" });
    expect(unreachable).toMatchObject({ ok: false, fieldErrors: { issuer: [en.errors.ssoDiscovery] } });
    expect(await call(saveOidcConnectionAction as Act, { issuer: "javascript:alert(1)", clientId: "x", clientSecret: "y" }))
      .toMatchObject({ ok: false, fieldErrors: { issuer: [en.validation.ssoIssuer] } });
    expect(await call(saveOidcConnectionAction as Act, { issuer: op.issuer, clientId: "x", clientSecret: "y", scopes: "email profile" }))
      .toMatchObject({ ok: false, fieldErrors: { scopes: [en.validation.ssoScopesOpenid] } });
    expect(await call(saveOidcConnectionAction as Act, { issuer: op.issuer, clientId: "<script>".repeat(40), clientSecret: "y" }))
      .toMatchObject({ ok: false, fieldErrors: { clientId: [en.validation.tooLong] } });
    expect(await getDb().ssoConnection.count({ where: { accountId: acme.account.id } })).toBe(0);
  });

  it("is the account holder's only: an admin, a member and a signed-out visitor are refused, changing nothing", async () => {
    for (const user of [acme.users.ADMIN, acme.users.SUPPORT_STAFF, acme.users.MEMBER, null]) {
      signInAs(user);
      const refused = await call(saveOidcConnectionAction as Act, { issuer: op.issuer, clientId: "x", clientSecret: "y" });
      expect(refused).toMatchObject({ ok: false, formError: user ? en.errors.forbidden : en.errors.signedOut });
      expect(await call(addSsoDomainAction as Act, { domain })).toMatchObject({ ok: false });
    }
    expect(await getDb().ssoConnection.count({ where: { accountId: acme.account.id } })).toBe(0);
    expect(await getDb().ssoDomain.count({ where: { accountId: acme.account.id } })).toBe(0);
  });

  it("turns on only after a successful Test connection of the current settings; a change of settings turns it off again", async () => {
    await saveOidc();
    expect(await call(setSsoEnabledAction as Act, { enabled: "true" })).toMatchObject({ ok: false, formError: en.errors.ssoNotTested });
    await testAndEnable();
    // A new client secret is a change of the provider's settings.
    expect(await call(saveOidcConnectionAction as Act, { issuer: op.issuer, clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, scopes: "openid email" })).toMatchObject({ ok: true });
    expect(await getDb().ssoConnection.findUniqueOrThrow({ where: { accountId: acme.account.id } })).toMatchObject({ enabled: false, testedAt: null });
  });

  it("a Test connection counts only for the holder who began it, in the browser that began it", async () => {
    await saveOidc();
    asHolder();
    const started = await providerUrl(await call(testSsoConnectionAction as Act));
    // Another browser (no flow cookie) brings the provider's answer back: refused.
    const back = await signInWithoutBrowser(started, acme.users.ACCOUNT_HOLDER.email);
    cookieJar.clear();
    expect(location(await oidcCallback(new NextRequest(back.toString())))).toBe("/sso/refused?reason=expired");
    expect((await getDb().ssoConnection.findUniqueOrThrow({ where: { accountId: acme.account.id } })).testedAt).toBeNull();
  });
});

describe("Domains", () => {
  it("are proven by their TXT record: a missing or wrong record is a message naming the record, the right one verifies", async () => {
    asHolder();
    const added = await call(addSsoDomainAction as Act, { domain: ` ${domain.toUpperCase()}. ` });
    expect(added).toMatchObject({ ok: true, data: { domain } });
    const id = (added as { data: { id: string } }).data.id;
    const refused = await call(verifySsoDomainAction as Act, { id });
    expect(refused).toMatchObject({ ok: false });
    expect((refused as { formError: string }).formError).toContain(verificationRecordName(domain));
    dns.setTxt(verificationRecordName(domain), ["central-admin-domain-verification=not-the-token"]);
    expect(await call(verifySsoDomainAction as Act, { id })).toMatchObject({ ok: false });
    const { token } = await getDb().ssoDomain.findUniqueOrThrow({ where: { id } });
    dns.setTxt(verificationRecordName(domain), ["v=spf1 -all", verificationRecordValue(token)]);
    expect(await call(verifySsoDomainAction as Act, { id })).toEqual({ ok: true, data: { id, verified: true } });
    const events = await getDb().auditEvent.findMany({ where: { accountId: acme.account.id, action: { startsWith: "sso.domain" } }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["sso.domainAdd", "sso.domainVerify"]);
  });

  it("refuses names that aren't domains, at the field", async () => {
    asHolder();
    for (const bad of ["", "localhost", "example", "exa mple.com", "user@example.com", "http://example.com", "example.com:443", "-bad.example", "1.2.3.4", "a".repeat(64) + ".example", "<script>.example"]) {
      expect(await call(addSsoDomainAction as Act, { domain: bad }), bad).toMatchObject({ ok: false, fieldErrors: { domain: expect.any(Array) } });
    }
    expect(await getDb().ssoDomain.count({ where: { accountId: acme.account.id } })).toBe(0);
  });

  it("a domain another account verified can't be claimed or verified here; another account's domain id is not found", async () => {
    const theirs = await verifiedDomain(other);
    asHolder();
    expect(await call(addSsoDomainAction as Act, { domain })).toMatchObject({ ok: false, fieldErrors: { domain: [en.errors.domainTaken] } });
    expect(await call(verifySsoDomainAction as Act, { id: theirs })).toMatchObject({ ok: false, formError: en.errors.notFound });
    expect(await call(removeSsoDomainAction as Act, { id: theirs })).toMatchObject({ ok: false, formError: en.errors.notFound });
    expect(await getDb().ssoDomain.count({ where: { id: theirs } })).toBe(1);
  });

  it("a race: two accounts that both published their record verify at once — one keeps the domain", async () => {
    const ids: string[] = [];
    for (const account of [acme, other]) {
      asHolder(account);
      const added = await call(addSsoDomainAction as Act, { domain });
      ids.push((added as { data: { id: string } }).data.id);
    }
    const tokens = await getDb().ssoDomain.findMany({ where: { id: { in: ids } }, select: { token: true } });
    dns.setTxt(verificationRecordName(domain), tokens.map((t) => verificationRecordValue(t.token)));
    const { verifyDomain } = await import("@/lib/sso/domains");
    const outcomes = await Promise.allSettled([acme, other].map((account, i) =>
      getDb().$transaction((db) => verifyDomain({ db, accountId: account.account.id, audit: () => undefined }, ids[i]))));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(await getDb().ssoDomain.count({ where: { domain, verifiedAt: { not: null } } })).toBe(1);
  });
});

describe("Signing in through OpenID Connect", () => {
  beforeEach(async () => {
    await saveOidc();
    await verifiedDomain();
    await testAndEnable();
  });

  it("the sign-in page routes a verified domain's address to the provider; the user lands where they were going, linked by subject", async () => {
    const ann = await addUser(acme, "ann");
    signInAs(null);
    expect(await call(ssoLookupAction as Act, { email: ann.email })).toEqual({ ok: true, data: { sso: true, required: false } });
    expect(await call(ssoLookupAction as Act, { email: acme.users.MEMBER.email })).toEqual({ ok: true, data: { sso: false, required: false } });
    expect(await ssoSignIn(ann.email)).toBe("/people/users");
    expect(sessionsIssued).toEqual([ann.id]);
    const identity = await getDb().ssoIdentity.findFirstOrThrow({ where: { userId: ann.id } });
    expect(identity).toMatchObject({ issuer: op.issuer, subject: op.subjectOf(ann.email), accountId: acme.account.id });
    const signIn = await getDb().auditEvent.findFirstOrThrow({ where: { accountId: acme.account.id, action: "auth.signIn", actorId: ann.id } });
    expect(signIn.after).toMatchObject({ method: "sso" });
  });

  it("matches by the provider's subject once linked: an email changed at the provider never moves the sign-in to another user", async () => {
    const ann = await addUser(acme, "ann");
    const bob = await addUser(acme, "bob");
    await ssoSignIn(ann.email);
    // Ann's address at the provider becomes Bob's: her subject still signs in Ann, never Bob.
    op.rename(ann.email, bob.email);
    sessionsIssued.length = 0;
    expect(await ssoSignIn(bob.email)).toBe("/people/users");
    expect(sessionsIssued).toEqual([ann.id]);
  });

  it("refuses an unknown user with a clear page when just-in-time users are off; creates a Member without licences when on", async () => {
    const newcomer = `newcomer@${domain}`;
    expect(await ssoSignIn(newcomer)).toBe("/sso/refused?reason=unknownUser");
    expect(sessionsIssued).toEqual([]);
    expect(await getDb().user.count({ where: { email: newcomer } })).toBe(0);
    asHolder();
    expect(await call(saveSsoPolicyAction as Act, { policy: "OPTIONAL", jitEnabled: "on" })).toMatchObject({ ok: true });
    expect(await ssoSignIn(newcomer)).toBe("/people/users");
    const created = await getDb().user.findUniqueOrThrow({ where: { email: newcomer }, include: { assignments: true } });
    expect(created).toMatchObject({ accountId: acme.account.id, role: "MEMBER", status: "ACTIVE", passwordHash: null });
    expect(created.assignments).toEqual([]);
    expect(sessionsIssued).toEqual([created.id]);
    expect(await getDb().auditEvent.count({ where: { action: "sso.userCreate", targetId: created.id } })).toBe(1);
  });

  it("never signs in someone of another account or of a domain the account didn't verify, even with just-in-time users on", async () => {
    asHolder();
    await call(saveSsoPolicyAction as Act, { policy: "OPTIONAL", jitEnabled: "on" });
    // other's member: their address is at test.example, not a verified domain of Acme.
    signInAs(null);
    const started = await call(continueWithSsoAction as Act, { email: `someone@${domain}`, callbackUrl: "/" });
    expect(await oidcRoundTrip(await providerUrl(started), other.users.MEMBER.email)).toBe("/sso/refused?reason=unknownUser");
    expect(sessionsIssued).toEqual([]);
    expect(await getDb().ssoIdentity.count({ where: { userId: other.users.MEMBER.id } })).toBe(0);
  });

  it("refuses a suspended user; an invited user who signs in becomes active", async () => {
    const sue = await addUser(acme, "sue", "SUSPENDED");
    expect(await ssoSignIn(sue.email)).toBe("/sso/refused?reason=suspended");
    const ivy = await addUser(acme, "ivy", "INVITED");
    expect(await ssoSignIn(ivy.email)).toBe("/people/users");
    expect((await getDb().user.findUniqueOrThrow({ where: { id: ivy.id } })).status).toBe("ACTIVE");
    expect(sessionsIssued).toEqual([ivy.id]);
  });

  it("a replayed callback, a callback from another browser and a state of another flow sign nobody in", async () => {
    const ann = await addUser(acme, "ann");
    signInAs(null);
    const first = await providerUrl(await call(continueWithSsoAction as Act, { email: ann.email, callbackUrl: "/" }));
    const cookie = cookieJar.get(FLOW_COOKIE)!;
    const back = await signInWithoutBrowser(first, ann.email);
    expect(location(await oidcCallback(new NextRequest(back.toString())))).toBe("/");
    // The same answer again, with the same cookie: the flow is used up.
    cookieJar.set(FLOW_COOKIE, cookie);
    expect(location(await oidcCallback(new NextRequest(back.toString())))).toBe("/sso/refused?reason=expired");
    // An attacker's own flow's answer, brought to a victim's browser holding another state.
    const attackers = await providerUrl(await call(continueWithSsoAction as Act, { email: ann.email, callbackUrl: "/" }));
    const victimState = cookieJar.get(FLOW_COOKIE)!;
    await call(continueWithSsoAction as Act, { email: ann.email, callbackUrl: "/" });
    const attackBack = await signInWithoutBrowser(attackers, ann.email);
    expect(cookieJar.get(FLOW_COOKIE)).not.toBe(victimState);
    expect(location(await oidcCallback(new NextRequest(attackBack.toString())))).toBe("/sso/refused?reason=expired");
    expect(sessionsIssued).toEqual([ann.id]);
  });

  it("Required: password sign-in is refused for users of verified domains (only once the password is right); the account holder keeps theirs", async () => {
    const admin = await addUser(acme, "admin", "ACTIVE", "ADMIN");
    asHolder();
    await call(saveSsoPolicyAction as Act, { policy: "REQUIRED", jitEnabled: "" });
    signInAs(null);
    expect(await call(ssoLookupAction as Act, { email: `x@${domain}` })).toEqual({ ok: true, data: { sso: true, required: true } });
    expect(await call(signInAction as Act, { email: admin.email, password: "wrong password here" })).toMatchObject({ ok: false, formError: en.errors.invalidCredentials });
    expect(await call(signInAction as Act, { email: admin.email, password: TEST_PASSWORD })).toMatchObject({ ok: false, formError: en.errors.ssoRequired });
    expect(sessionsIssued).toEqual([]);
    // The holder's break-glass password; a user whose address no verified domain covers can't use SSO, so keeps the password.
    expect(redirectOf(await call(signInAction as Act, { email: acme.users.ACCOUNT_HOLDER.email, password: TEST_PASSWORD }))).toBe("/");
    expect(redirectOf(await call(signInAction as Act, { email: acme.users.MEMBER.email, password: TEST_PASSWORD }))).toBe("/");
    expect(sessionsIssued).toEqual([acme.users.ACCOUNT_HOLDER.id, acme.users.MEMBER.id]);
  });

  it("Required: no password reset link and no password set at an invitation for users of verified domains; the invitation offers single sign-on", async () => {
    const ann = await addUser(acme, "ann");
    const ivy = await addUser(acme, "ivy", "INVITED");
    const token = await invite(acme, ivy.id);
    asHolder();
    await call(saveSsoPolicyAction as Act, { policy: "REQUIRED", jitEnabled: "" });
    expect(await processResetRequest(getDb(), { email: ann.email })).toBe("refused");
    expect(await getDb().passwordReset.count({ where: { userId: ann.id } })).toBe(0);
    expect(await processResetRequest(getDb(), { email: acme.users.ACCOUNT_HOLDER.email })).toBe("linkSent");
    const view = await viewInvitation(getDb(), token, null);
    expect(view).toMatchObject({ kind: "WELCOME", ssoRequired: true });
    await expect(acceptWelcome(getDb(), { token, firstName: "Ivy", lastName: "Doe", password: "a long new passphrase" })).rejects.toMatchObject({ messageKey: "errors.ssoRequired" });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: ivy.id } })).passwordHash).toBeNull();
    // Signing in through the provider is the way in; it uses the invitation up.
    expect(await ssoSignIn(ivy.email)).toBe("/people/users");
    expect(await getDb().invitation.findFirstOrThrow({ where: { userId: ivy.id } })).toMatchObject({ acceptedAt: expect.any(Date) });
  });

  it("Continue with single sign-on for an address no verified domain routes is a message at the email", async () => {
    signInAs(null);
    expect(await call(continueWithSsoAction as Act, { email: other.users.MEMBER.email })).toMatchObject({ ok: false, fieldErrors: { email: [en.errors.ssoNotForEmail] } });
    asHolder();
    await call(setSsoEnabledAction as Act, { enabled: "false" });
    signInAs(null);
    expect(await call(continueWithSsoAction as Act, { email: `ann@${domain}` })).toMatchObject({ ok: false, fieldErrors: { email: [en.errors.ssoNotForEmail] } });
  });
});

describe("Signing in through SAML 2.0", () => {
  let idp: Awaited<ReturnType<typeof startSamlIdp>>;
  beforeAll(async () => {
    idp = await startSamlIdp();
  });
  afterAll(async () => idp?.stop());

  /** The flow the last redirect began: its state (RelayState) and its AuthnRequest id. */
  async function begun(url: string) {
    const state = new URL(url).searchParams.get("RelayState")!;
    const flow = await getDb().ssoFlow.findFirstOrThrow({ where: { id: crypto.createHash("sha256").update(state).digest("hex") } });
    return { state, requestId: flow.requestId! };
  }

  async function post(fields: Record<string, string>) {
    const body = new URLSearchParams(fields);
    return samlAcs(new NextRequest("http://localhost:3000/sso/saml/acs", { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } }));
  }

  async function acsThenFinish(url: string, email: string, knobs: Record<string, unknown> = {}) {
    const { state, requestId } = await begun(url);
    const sp = spSettings(acme.account.id);
    const samlResponse = idp.response({ acsUrl: sp.acsUrl, audience: sp.entityId, inResponseTo: requestId, nameId: `subject-${crypto.createHash("sha256").update(email).digest("hex").slice(0, 16)}`, email, ...knobs });
    const acs = await post({ SAMLResponse: samlResponse, RelayState: state });
    expect(acs.status).toBe(303);
    const at = new URL(acs.headers.get("location")!);
    if (!at.pathname.startsWith("/sso/saml/finish")) return { path: `${at.pathname}${at.search}`, samlResponse, state };
    return { path: location(await samlFinish(new NextRequest(at.toString()))), samlResponse, state };
  }

  beforeEach(async () => {
    asHolder();
    expect(await call(saveSamlConnectionAction as Act, { metadata: idp.metadataXml })).toMatchObject({ ok: true, data: { protocol: "SAML" } });
    await verifiedDomain();
    asHolder();
    const test = await providerUrl(await call(testSsoConnectionAction as Act));
    expect((await acsThenFinish(test, acme.users.ACCOUNT_HOLDER.email)).path).toBe("/settings/single-sign-on?test=passed");
    expect(await call(setSsoEnabledAction as Act, { enabled: "true" })).toMatchObject({ ok: true });
  });

  it("signs a user of a verified domain in with a signed assertion; this account's SP metadata names its entity id and ACS", async () => {
    const ann = await addUser(acme, "ann");
    signInAs(null);
    const started = await providerUrl(await call(continueWithSsoAction as Act, { email: ann.email, callbackUrl: "/people/users" }));
    expect(started.startsWith(idp.ssoUrl)).toBe(true);
    expect((await acsThenFinish(started, ann.email)).path).toBe("/people/users");
    expect(sessionsIssued).toEqual([ann.id]);
    const metadata = await (await samlMetadata(acme.account.id)).text();
    expect(metadata).toContain(spSettings(acme.account.id).entityId);
    expect(metadata).toContain(spSettings(acme.account.id).acsUrl);
    expect((await samlMetadata(crypto.randomUUID())).status).toBe(404);
  });

  it("refuses a replayed assertion, an unsigned one and one for another audience; nobody is signed in", async () => {
    const ann = await addUser(acme, "ann");
    signInAs(null);
    const first = await acsThenFinish(await providerUrl(await call(continueWithSsoAction as Act, { email: ann.email })), ann.email);
    expect(first.path).toBe("/");
    sessionsIssued.length = 0;
    // The same response posted again (a new flow's RelayState): the assertion id was used.
    const again = await providerUrl(await call(continueWithSsoAction as Act, { email: ann.email }));
    const { state } = await begun(again);
    const replay = await post({ SAMLResponse: first.samlResponse, RelayState: state });
    expect(replay.headers.get("location")).toContain("/sso/refused?reason=failed");
    for (const knobs of [{ signAssertion: false }, { audience: "https://evil.example/sp" }, { otherKey: true }]) {
      const started = await providerUrl(await call(continueWithSsoAction as Act, { email: ann.email }));
      expect((await acsThenFinish(started, ann.email, knobs)).path, JSON.stringify(knobs)).toBe("/sso/refused?reason=failed");
    }
    expect(sessionsIssued).toEqual([]);
  });

  it("an ACS answer finishes only in the browser that began the flow (login CSRF)", async () => {
    const ann = await addUser(acme, "ann");
    signInAs(null);
    const started = await providerUrl(await call(continueWithSsoAction as Act, { email: ann.email }));
    cookieJar.clear(); // the victim's browser, without the attacker's flow cookie
    expect((await acsThenFinish(started, ann.email)).path).toBe("/sso/refused?reason=expired");
    expect(sessionsIssued).toEqual([]);
  });

  it("refuses metadata that isn't XML, has a DOCTYPE (XXE) or is over 256 KB, at the field, keeping the connection", async () => {
    asHolder();
    const xxe = `<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&x;"/>`;
    for (const [metadata, message] of [
      ["not xml at all", en.errors.samlMetadata_notXml],
      [xxe, en.errors.samlMetadata_doctype],
      [`<x>${"a".repeat(300 * 1024)}</x>`, en.validation.samlMetadataTooLarge],
    ] as const) {
      const refused = await call(saveSamlConnectionAction as Act, { metadata });
      expect(refused).toMatchObject({ ok: false, fieldErrors: { metadata: [message] } });
      expect(JSON.stringify(refused)).not.toContain("root:");
    }
    expect(await getDb().ssoConnection.findUniqueOrThrow({ where: { accountId: acme.account.id } })).toMatchObject({ enabled: true, samlIdpEntityId: idp.entityId });
  });
});

// Single sign-on (issue 18, decision 0033) in the browser, against real providers on 127.0.0.1: an
// OpenID provider (oidc-provider), a SAML identity provider and a DNS server answering the domains'
// TXT records. The app under test was started with SSO_ALLOW_HTTP and SSO_DNS_SERVERS naming
// E2E_DNS_PORT (playwright.config.ts), so only this file binds that port: its tests run in order in
// one worker (not "serial": each stands alone and a failure doesn't skip the rest).
import crypto from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { expect, expectAccessible, PASSWORD, test } from "./fixtures";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import type { AccountRole, SsoPolicy } from "../../lib/generated/prisma/enums";
import { verificationRecordName } from "../../lib/sso/dns";
import { parseIdpMetadata } from "../../lib/sso/saml";
import { userKeys } from "../../lib/users/search-key";
import { startFakeDns, type FakeDns } from "../support/fake-dns";
import { startOidcProvider, type TestOidcProvider } from "../support/oidc-provider";
import { startSamlIdp, type TestSamlIdp } from "../support/saml-idp";

// Each test is two or three browsers' round trips through a provider, and up to three axe passes:
// ~35 s on an idle machine, near a minute beside another heavy job, so the budget is doubled.
test.describe.configure({ mode: "default", timeout: 120_000 });

let dns: FakeDns;
let op: TestOidcProvider;
let idp: TestSamlIdp;
const CLIENT = { clientId: "central-admin-e2e", clientSecret: crypto.randomBytes(24).toString("base64url") };

test.beforeAll(async ({}, testInfo) => {
  dns = await startFakeDns({ port: Number(process.env.E2E_DNS_PORT) });
  [op, idp] = await Promise.all([startOidcProvider(), startSamlIdp()]);
  op.addClient({ ...CLIENT, redirectUris: [`${testInfo.project.use.baseURL}/sso/oidc/callback`] });
});

test.afterAll(async () => {
  await Promise.all([op?.stop(), idp?.stop(), dns?.stop()]);
});

/** A domain no other test uses (the accounts' own users are at e2e.example, shared by every spec). */
const freshDomain = () => `sso-${crypto.randomBytes(4).toString("hex")}.example`;

/** An active user of the account at the SSO domain, with the fixtures' password. */
async function addUser(db: PrismaClient, accountId: string, email: string, firstName: string, role: AccountRole = "MEMBER") {
  const names = { firstName, lastName: "Doe", email };
  const { passwordHash } = await db.user.findFirstOrThrow({ where: { accountId, role: "ACCOUNT_HOLDER" }, select: { passwordHash: true } });
  return db.user.create({ data: { accountId, ...names, ...userKeys(names), role, status: "ACTIVE", passwordHash } });
}

/** Set up as the settings page leaves it after tests 1 and 2: a verified domain, a tested SAML connection to the test IdP, turned on. */
async function ssoReady(db: PrismaClient, accountId: string, options: { policy?: SsoPolicy; jitEnabled?: boolean } = {}) {
  const domain = freshDomain();
  const metadata = parseIdpMetadata(idp.metadataXml);
  await db.ssoDomain.create({ data: { accountId, domain, token: crypto.randomBytes(24).toString("base64url"), verifiedAt: new Date() } });
  await db.ssoConnection.create({
    data: {
      accountId, protocol: "SAML", samlIdpEntityId: metadata.entityId, samlIdpSsoUrl: metadata.ssoUrl, samlIdpCertificates: metadata.certificates,
      testedAt: new Date(), enabled: true, ...options,
    },
  });
  return domain;
}

const domainRow = (page: Page, domain: string) =>
  page.getByRole("table", { name: "Domains" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: domain }) });

/** Adds the domain on the settings page, publishes the TXT record the page shows, and verifies it. */
async function addAndVerifyDomain(page: Page, domain: string) {
  await page.getByRole("textbox", { name: "Domain" }).fill(domain);
  await page.getByRole("button", { name: "Add domain" }).click();
  const row = domainRow(page, domain);
  await expect(row.getByRole("cell", { name: "Waiting for the DNS record" })).toBeVisible();
  const name = (await row.getByText(/^Name: /).textContent())!.replace(/^Name: /, "");
  const value = (await row.getByText(/^Value: /).textContent())!.replace(/^Value: /, "");
  expect(name).toBe(verificationRecordName(domain));
  expect(value).toMatch(/^central-admin-domain-verification=[\w-]{20,}$/);
  // Not published yet: Verify names the record it looked for, and the domain stays pending.
  await row.getByRole("button", { name: "Verify" }).click();
  await expect(row.getByRole("alert")).toContainText(name);
  dns.setTxt(name, [value]);
  await row.getByRole("button", { name: "Verify" }).click();
  await expect(row.getByRole("cell", { name: "Verified", exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: "Verify" })).toHaveCount(0);
}

/** Test connection as the signed-in holder, through the provider's sign-in page, back to the settings page; then Turn on. */
async function testConnectionAndTurnOn(page: Page, holderEmail: string, providerOrigin: string) {
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page).toHaveURL((url) => url.origin === providerOrigin);
  await page.getByLabel("Email").fill(holderEmail);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/settings/single-sign-on?test=passed");
  await expect(page.getByText("Test connection passed: your identity provider signed you in and Central Admin accepted its answer.")).toBeVisible();
  await expect(page.getByText("Single sign-on is off. The connection passed its test: you can turn it on.")).toBeVisible();
  await page.getByRole("button", { name: "Turn on single sign-on" }).click();
  await expect(page.getByText("Single sign-on is on: users of your verified domains sign in through your identity provider.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Turn off single sign-on" })).toBeVisible();
}

/** A signed-out browser at the sign-in page, asked to return to `callbackUrl`, that typed this email: the password gives way to single sign-on. */
async function signInPageRoutesToSso(page: Page, email: string, callbackUrl = "/") {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("Email").fill(email);
  await expect(page.getByLabel("Password")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Sign in" })).toHaveCount(0);
}

/** A new browser, signed out. */
async function freshPage(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext(options);
  return { context, page: await context.newPage() };
}

test("OpenID Connect: the holder connects a provider, proves a domain, tests and turns it on; a user of the domain signs in through it", async ({ page, browser, db, account, signIn }) => {
  const holder = account.users.ACCOUNT_HOLDER;
  await signIn(holder.email);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Single sign-on" }).click();
  await expect(page).toHaveURL("/settings/single-sign-on");
  await expect(page.getByRole("heading", { name: "Single sign-on", level: 1 })).toBeVisible();
  await expect(page.getByText("No identity provider is connected yet.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Redirect URI" })).toHaveValue(/\/sso\/oidc\/callback$/);

  await page.getByLabel("Issuer URL").fill(op.issuer);
  await page.getByLabel("Client ID").fill(CLIENT.clientId);
  await page.getByLabel("Client secret").fill(CLIENT.clientSecret);
  await page.getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByText("Connection saved. Run Test connection before turning single sign-on on.")).toBeVisible();
  await expect(page.getByText("Single sign-on is off. Run Test connection to check the settings before you turn it on.")).toBeVisible();
  // The secret is never shown again.
  await expect(page.getByLabel("Client secret")).toHaveValue("");
  await expect(page.getByText("A secret is stored (encrypted). Leave empty to keep it.")).toBeVisible();

  const domain = freshDomain();
  await addAndVerifyDomain(page, domain);
  await expectAccessible(page);

  await testConnectionAndTurnOn(page, holder.email, op.issuer);
  expect(await db.ssoConnection.findUniqueOrThrow({ where: { accountId: account.id } })).toMatchObject({ protocol: "OIDC", oidcIssuer: op.issuer, enabled: true });
  await expectAccessible(page);

  // A user of the domain, in another browser, asked to return to their profile.
  const ann = await addUser(db, account.id, `ann@${domain}`, "Ann");
  const { context, page: user } = await freshPage(browser);
  await signInPageRoutesToSso(user, ann.email, "/profile");
  await expect(user.getByText("Your company signs you in through its identity provider.")).toBeVisible();
  await expectAccessible(user);
  await user.getByRole("button", { name: "Continue with single sign-on" }).click();
  await expect(user).toHaveURL((url) => url.origin === op.issuer);
  await user.getByLabel("Email").fill(ann.email);
  await user.getByRole("button", { name: "Sign in" }).click();
  await expect(user).toHaveURL("/profile");
  await expect(user.getByRole("banner").locator("summary", { hasText: "Ann Doe" })).toBeVisible();
  expect(await db.ssoIdentity.count({ where: { userId: ann.id, issuer: op.issuer } })).toBe(1);
  await context.close();
});

test("SAML 2.0: the holder pastes the identity provider's metadata, proves a domain, tests and turns it on; a user of the domain signs in", async ({ page, browser, db, account, signIn, baseURL }) => {
  const holder = account.users.ACCOUNT_HOLDER;
  await signIn(holder.email);
  await page.goto("/settings/single-sign-on");
  await page.getByRole("navigation", { name: "Protocol" }).getByRole("link", { name: "SAML 2.0" }).click();
  await expect(page).toHaveURL("/settings/single-sign-on?protocol=saml");
  // What the identity provider is told about this app: read-only.
  const entityId = page.getByRole("textbox", { name: "Entity ID (audience)" });
  const acsUrl = page.getByRole("textbox", { name: "Assertion consumer service (ACS) URL" });
  await expect(entityId).toHaveValue(`${baseURL}/sso/saml/${account.id}`);
  await expect(entityId).not.toBeEditable();
  await expect(acsUrl).toHaveValue(`${baseURL}/sso/saml/acs`);
  await expect(acsUrl).not.toBeEditable();

  await page.getByLabel("Identity provider metadata (XML)").fill(idp.metadataXml);
  await page.getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByText("Connection saved. Run Test connection before turning single sign-on on.")).toBeVisible();
  await expect(page.getByText(idp.entityId, { exact: true })).toBeVisible();
  await expect(page.getByText(idp.ssoUrl, { exact: true })).toBeVisible();

  const domain = freshDomain();
  await addAndVerifyDomain(page, domain);
  await testConnectionAndTurnOn(page, holder.email, new URL(idp.ssoUrl).origin);
  await expect(page.getByRole("link", { name: "SAML 2.0" })).toHaveAttribute("aria-current", "page");
  await expectAccessible(page);

  const bo = await addUser(db, account.id, `bo@${domain}`, "Bo");
  const { context, page: user } = await freshPage(browser);
  await signInPageRoutesToSso(user, bo.email, "/profile");
  await user.getByRole("button", { name: "Continue with single sign-on" }).click();
  await expect(user).toHaveURL((url) => url.href.startsWith(`${idp.ssoUrl}?`));
  await user.getByLabel("Email").fill(bo.email);
  await user.getByRole("button", { name: "Sign in" }).click();
  await expect(user).toHaveURL("/profile");
  await expect(user.getByRole("banner").locator("summary", { hasText: "Bo Doe" })).toBeVisible();
  expect(await db.ssoIdentity.count({ where: { userId: bo.id, issuer: idp.entityId } })).toBe(1);
  await context.close();
});

test("Required: a domain user's sign-in offers single sign-on only; a password is refused, except the account holder's", async ({ page, browser, db, account, signIn }) => {
  const domain = await ssoReady(db, account.id);
  const admin = await addUser(db, account.id, `ada@${domain}`, "Ada", "ADMIN");
  await signIn(account.users.ACCOUNT_HOLDER.email);
  await page.goto("/settings/single-sign-on");
  const policy = page.getByRole("group", { name: "Single sign-on for your users" });
  await expect(policy.getByRole("radio", { name: /^Optional/ })).toBeChecked();
  await policy.getByRole("radio", { name: /^Required/ }).check();
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText("Policy saved.")).toBeVisible();
  expect((await db.ssoConnection.findUniqueOrThrow({ where: { accountId: account.id } })).policy).toBe("REQUIRED");

  const { context, page: visitor } = await freshPage(browser);
  await signInPageRoutesToSso(visitor, admin.email);
  await expect(visitor.getByText("Your company requires single sign-on.")).toBeVisible();
  await expect(visitor.getByRole("button", { name: "Continue with single sign-on" })).toBeVisible();
  // The way to a password is there (for the account holder); an admin's password, even the right one, is refused.
  await visitor.getByRole("button", { name: "Account holder? Use your password" }).click();
  await visitor.getByLabel("Password").fill(PASSWORD);
  await visitor.getByRole("button", { name: "Sign in" }).click();
  await expect(visitor.locator("form").getByRole("alert")).toHaveText("Your company requires single sign-on: use Continue with single sign-on.");
  await expect(visitor).toHaveURL(/\/sign-in/);

  // The account holder, at the domain too, keeps their password: the break-glass way in.
  const holderEmail = `holder@${domain}`;
  await db.user.update({ where: { id: account.users.ACCOUNT_HOLDER.id }, data: { email: holderEmail, ...userKeys({ firstName: "Hana", lastName: "Tester", email: holderEmail }) } });
  await signInPageRoutesToSso(visitor, holderEmail);
  await expect(visitor.getByText("Your company requires single sign-on.")).toBeVisible();
  await visitor.getByRole("button", { name: "Account holder? Use your password" }).click();
  await visitor.getByLabel("Password").fill(PASSWORD);
  await visitor.getByRole("button", { name: "Sign in" }).click();
  await expect(visitor).toHaveURL("/");
  await expect(visitor.getByRole("heading", { name: "Welcome, Hana" })).toBeVisible();
  await context.close();
});

test("just-in-time users: off, an unknown person of the domain is refused with a page that says why; on, they become a Member at their first sign-in", async ({ page, browser, db, account, signIn }) => {
  const domain = await ssoReady(db, account.id);
  const email = `nia@${domain}`;
  const { context, page: newcomer } = await freshPage(browser);
  const signInAtProvider = async () => {
    await signInPageRoutesToSso(newcomer, email);
    await newcomer.getByRole("button", { name: "Continue with single sign-on" }).click();
    await expect(newcomer).toHaveURL((url) => url.href.startsWith(`${idp.ssoUrl}?`));
    await newcomer.getByLabel("Email").fill(email);
    await newcomer.getByLabel("First name").fill("Nia");
    await newcomer.getByLabel("Last name").fill("Newcomer");
    await newcomer.getByRole("button", { name: "Sign in" }).click();
  };

  await signInAtProvider();
  await expect(newcomer).toHaveURL("/sso/refused?reason=unknownUser");
  await expect(newcomer.getByRole("heading", { name: "Single sign-on didn't sign you in", level: 1 })).toBeVisible();
  await expect(newcomer.getByRole("main").getByRole("alert")).toHaveText(
    "Your company's identity provider signed you in, but this account has no Central Admin user for you. Ask your administrator to add you.",
  );
  await expectAccessible(newcomer);
  expect(await db.user.count({ where: { email } })).toBe(0);

  await signIn(account.users.ACCOUNT_HOLDER.email);
  await page.goto("/settings/single-sign-on");
  await page.getByRole("checkbox", { name: /^Create users at their first sign-in/ }).check();
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText("Policy saved.")).toBeVisible();
  expect((await db.ssoConnection.findUniqueOrThrow({ where: { accountId: account.id } })).jitEnabled).toBe(true);

  await newcomer.getByRole("link", { name: "Back to sign-in" }).click();
  await expect(newcomer).toHaveURL("/sign-in");
  await signInAtProvider();
  await expect(newcomer).toHaveURL("/");
  await expect(newcomer.getByRole("heading", { name: "Welcome, Nia" })).toBeVisible();
  expect(await db.user.findUniqueOrThrow({ where: { email } })).toMatchObject({ accountId: account.id, role: "MEMBER", status: "ACTIVE", firstName: "Nia", lastName: "Newcomer" });
  await context.close();
});

test("without JavaScript the sign-in page offers both ways, and Continue with single sign-on reaches the provider and signs the user in", async ({ browser, db, account }) => {
  const domain = await ssoReady(db, account.id);
  const cy = await addUser(db, account.id, `cy@${domain}`, "Cy");
  const { context, page } = await freshPage(browser, { javaScriptEnabled: false });
  await page.goto("/sign-in");
  await expect(page.getByLabel("Password")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email").fill(cy.email);
  await page.getByRole("button", { name: "Continue with single sign-on" }).click();
  await expect(page).toHaveURL((url) => url.href.startsWith(`${idp.ssoUrl}?`));
  await page.getByLabel("Email").fill(cy.email);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The identity provider's form posts itself with a script; without one, its button.
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("heading", { name: "Welcome, Cy" })).toBeVisible();
  await context.close();
});

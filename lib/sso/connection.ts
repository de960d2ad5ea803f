import "server-only";
import type { ActionContext } from "@/lib/actions/define-action";
import { UserFacingError } from "@/lib/actions/errors";
import { appUrl } from "@/lib/app-url";
import type { Db, Tx } from "@/lib/db/client";
import type { SsoPolicy } from "@/lib/generated/prisma/enums";
import { openSealed, seal } from "@/lib/security/secret-box";
import { checkIssuer, OidcRejected, type OidcSettings } from "@/lib/sso/oidc";
import { parseIdpMetadata, SamlMetadataError, type IdpMetadata, type SpSettings } from "@/lib/sso/saml";
import { lockAccount } from "@/lib/users/rules";
import type { OidcConnectionInput } from "@/lib/validation/sso";

type Scope = Pick<ActionContext, "db" | "accountId" | "audit">;

const CONNECTION = {
  id: true, accountId: true, protocol: true, oidcIssuer: true, oidcClientId: true, oidcClientSecret: true, oidcScopes: true,
  samlIdpEntityId: true, samlIdpSsoUrl: true, samlIdpCertificates: true, enabled: true, policy: true, jitEnabled: true,
  testedAt: true, settingsAt: true,
} as const;

export type SsoConnectionRow = NonNullable<Awaited<ReturnType<typeof findConnection>>>;

export function findConnection(db: Db | Tx, accountId: string) {
  return db.ssoConnection.findUnique({ where: { accountId }, select: CONNECTION });
}

export function findConnectionById(db: Db | Tx, id: string) {
  return db.ssoConnection.findUnique({ where: { id }, select: CONNECTION });
}

/** The OpenID Connect redirect URI every account's provider is told (one for the whole app). */
export const oidcRedirectUri = () => `${appUrl()}/sso/oidc/callback`;

/** This app as a SAML service provider for one account: its own entity id (the URL of its metadata), the one ACS. */
export const spSettings = (accountId: string): SpSettings => ({
  entityId: `${appUrl()}/sso/saml/${accountId}`,
  acsUrl: `${appUrl()}/sso/saml/acs`,
});

/** The connection's OpenID Connect settings with the client secret opened; null for SAML or an incomplete one. */
export function oidcSettings(connection: SsoConnectionRow): OidcSettings | null {
  const { oidcIssuer: issuer, oidcClientId: clientId, oidcClientSecret: sealed, oidcScopes: scopes } = connection;
  if (connection.protocol !== "OIDC" || !issuer || !clientId || !sealed) return null;
  return { issuer, clientId, clientSecret: openSealed(sealed).plaintext, scopes };
}

/** The connection's identity provider as its SAML metadata described it; null for OIDC or an incomplete one. */
export function samlIdp(connection: SsoConnectionRow): IdpMetadata | null {
  const { samlIdpEntityId: entityId, samlIdpSsoUrl: ssoUrl, samlIdpCertificates: certificates } = connection;
  if (connection.protocol !== "SAML" || !entityId || !ssoUrl || certificates.length === 0) return null;
  return { entityId, ssoUrl, certificates };
}

/** The provider's issuer (OIDC) or entity id (SAML): identities are linked per issuer. */
export const issuerOf = (connection: SsoConnectionRow) => (connection.protocol === "OIDC" ? connection.oidcIssuer : connection.samlIdpEntityId) ?? "";

/** What the audit log keeps of a connection: never the client secret, only whether there is one. */
function auditView(c: SsoConnectionRow | null) {
  if (!c) return undefined;
  return c.protocol === "OIDC"
    ? { protocol: c.protocol, issuer: c.oidcIssuer, clientId: c.oidcClientId, scopes: c.oidcScopes, clientSecret: c.oidcClientSecret ? "set" : "none" }
    : { protocol: c.protocol, entityId: c.samlIdpEntityId, ssoUrl: c.samlIdpSsoUrl, certificates: c.samlIdpCertificates.length };
}

/** A change of the provider's settings: signing in stops until a new Test connection succeeds. */
const untested = () => ({ enabled: false, testedAt: null, settingsAt: new Date() });

/**
 * Saves the account's OpenID Connect connection after reading the issuer's discovery document (a
 * field error when it can't be read or names another issuer). An empty client secret keeps the
 * stored one — unless the issuer or client changed, when the secret must be given again. Replacing
 * a SAML connection is the same save.
 */
export async function saveOidcConnection(ctx: Scope, input: OidcConnectionInput) {
  await lockAccount(ctx.db, ctx.accountId);
  const before = await findConnection(ctx.db, ctx.accountId);
  const sameClient = before?.protocol === "OIDC" && before.oidcIssuer === input.issuer && before.oidcClientId === input.clientId;
  const keptSecret = sameClient && before.oidcClientSecret ? openSealed(before.oidcClientSecret).plaintext : null;
  const clientSecret = input.clientSecret ?? keptSecret;
  if (!clientSecret) throw new UserFacingError("validation.required", {}, "clientSecret");
  try {
    await checkIssuer({ issuer: input.issuer, clientId: input.clientId, clientSecret, scopes: input.scopes });
  } catch (error) {
    if (error instanceof OidcRejected) throw new UserFacingError("errors.ssoDiscovery", {}, "issuer");
    throw error;
  }
  const changed = !sameClient || input.clientSecret !== undefined || before?.oidcScopes !== input.scopes;
  const settings = {
    protocol: "OIDC" as const, oidcIssuer: input.issuer, oidcClientId: input.clientId, oidcScopes: input.scopes,
    oidcClientSecret: input.clientSecret !== undefined || !before?.oidcClientSecret || !sameClient ? seal(clientSecret) : before.oidcClientSecret,
    samlIdpEntityId: null, samlIdpSsoUrl: null, samlIdpCertificates: [],
  };
  const after = await ctx.db.ssoConnection.upsert({
    where: { accountId: ctx.accountId },
    create: { accountId: ctx.accountId, ...settings },
    update: { ...settings, ...(changed ? untested() : {}) },
    select: CONNECTION,
  });
  ctx.audit({ action: "sso.connectionSave", targetType: "account", targetId: ctx.accountId, before: auditView(before), after: auditView(after) });
  return { id: after.id, protocol: after.protocol };
}

/** Saves the account's SAML connection from the identity provider's metadata (a field error for metadata it refuses). */
export async function saveSamlConnection(ctx: Scope, input: { metadata: string }) {
  let idp: IdpMetadata;
  try {
    idp = parseIdpMetadata(input.metadata);
  } catch (error) {
    if (error instanceof SamlMetadataError) throw new UserFacingError(`errors.samlMetadata_${error.reason}`, {}, "metadata");
    throw error;
  }
  await lockAccount(ctx.db, ctx.accountId);
  const before = await findConnection(ctx.db, ctx.accountId);
  const settings = {
    protocol: "SAML" as const, samlIdpEntityId: idp.entityId, samlIdpSsoUrl: idp.ssoUrl, samlIdpCertificates: idp.certificates,
    oidcIssuer: null, oidcClientId: null, oidcClientSecret: null,
  };
  const same = before?.protocol === "SAML" && before.samlIdpEntityId === idp.entityId && before.samlIdpSsoUrl === idp.ssoUrl
    && before.samlIdpCertificates.join() === idp.certificates.join();
  const after = await ctx.db.ssoConnection.upsert({
    where: { accountId: ctx.accountId },
    create: { accountId: ctx.accountId, ...settings },
    update: { ...settings, ...(same ? {} : untested()) },
    select: CONNECTION,
  });
  ctx.audit({ action: "sso.connectionSave", targetType: "account", targetId: ctx.accountId, before: auditView(before), after: auditView(after) });
  return { id: after.id, protocol: after.protocol };
}

async function requireConnection(ctx: Scope) {
  await lockAccount(ctx.db, ctx.accountId);
  const connection = await findConnection(ctx.db, ctx.accountId);
  if (!connection) throw new UserFacingError("errors.ssoNoConnection");
  return connection;
}

/** Turns single sign-on on (only after a successful Test connection of the current settings) or off. */
export async function setSsoEnabled(ctx: Scope, enabled: boolean) {
  const connection = await requireConnection(ctx);
  if (enabled && !connection.testedAt) throw new UserFacingError("errors.ssoNotTested");
  if (connection.enabled === enabled) return { enabled };
  await ctx.db.ssoConnection.update({ where: { id: connection.id }, data: { enabled } });
  if (enabled) ctx.audit({ action: "sso.enable", targetType: "account", targetId: ctx.accountId });
  else ctx.audit({ action: "sso.disable", targetType: "account", targetId: ctx.accountId });
  return { enabled };
}

/** Who must use single sign-on, and whether a first sign-in creates the user. */
export async function saveSsoPolicy(ctx: Scope, input: { policy: SsoPolicy; jitEnabled: boolean }) {
  const connection = await requireConnection(ctx);
  if (connection.policy === input.policy && connection.jitEnabled === input.jitEnabled) return input;
  await ctx.db.ssoConnection.update({ where: { id: connection.id }, data: input });
  ctx.audit({
    action: "sso.policy", targetType: "account", targetId: ctx.accountId,
    before: { ssoPolicy: connection.policy, jitEnabled: connection.jitEnabled }, after: { ssoPolicy: input.policy, jitEnabled: input.jitEnabled },
  });
  return input;
}

/** Removes the connection: nobody signs in through it any more (linked identities stay, per issuer). */
export async function removeConnection(ctx: Scope) {
  const connection = await requireConnection(ctx);
  await ctx.db.ssoConnection.delete({ where: { id: connection.id } });
  ctx.audit({ action: "sso.connectionRemove", targetType: "account", targetId: ctx.accountId, before: auditView(connection) });
  return { removed: true };
}

/** Marks the connection tested, unless its settings changed since the test began. */
export async function markTested(db: Db | Tx, connectionId: string, startedAt: Date): Promise<boolean> {
  const marked = await db.ssoConnection.updateMany({ where: { id: connectionId, settingsAt: { lte: startedAt } }, data: { testedAt: new Date() } });
  return marked.count === 1;
}

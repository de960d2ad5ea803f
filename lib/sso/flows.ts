import "server-only";
import crypto from "node:crypto";
import { cookies } from "next/headers";
import { servedOverHttps } from "@/lib/auth/session-settings";
import type { Db, Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SsoFlowPurpose } from "@/lib/generated/prisma/enums";
import { oidcRedirectUri, oidcSettings, samlIdp, spSettings, type SsoConnectionRow } from "@/lib/sso/connection";
import { oidcStart } from "@/lib/sso/oidc";
import { samlAuthnRequest } from "@/lib/sso/saml";

// One sign-in round trip through the identity provider (decision 0033): a row keyed by the SHA-256
// of a random state, used once, 10 minutes at most, and a cookie holding that state in the browser
// that began it — the provider's answer counts only in that browser (no login CSRF).

export const FLOW_TTL_MS = 10 * 60_000;

const digest = (state: string) => crypto.createHash("sha256").update(state).digest("hex");

/** HttpOnly, SameSite=Lax (sent on the provider's top-level redirect back); Secure with `__Host-` over HTTPS. */
function flowCookie() {
  const secure = servedOverHttps();
  return { name: `${secure ? "__Host-" : ""}central-admin.sso-flow`, options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure } };
}

export class SsoUnavailable extends Error {}

/**
 * The app's own page that sends the browser on to the provider (app/sso/go): a same-origin hop, so
 * a form posted without JavaScript isn't redirected to another origin, which the pages' CSP
 * (`form-action 'self'`) forbids.
 */
export const flowStartPath = (state: string) => `/sso/go?state=${encodeURIComponent(state)}`;

/**
 * Begins a round trip: the provider's URL to send the browser to. For OpenID Connect the state,
 * nonce and PKCE verifier are openid-client's; for SAML the state is the RelayState and the
 * request's id is kept to match InResponseTo. The caller sets the cookie (setFlowCookie).
 */
export async function startFlow(
  db: Db | Tx,
  connection: SsoConnectionRow,
  purpose: SsoFlowPurpose,
  options: { callbackUrl?: string; userId?: string } = {},
): Promise<{ url: string; state: string }> {
  const common = { connectionId: connection.id, purpose, callbackUrl: options.callbackUrl ?? "/", userId: options.userId ?? null, expiresAt: new Date(Date.now() + FLOW_TTL_MS) };
  const oidc = oidcSettings(connection);
  if (oidc) {
    const started = await oidcStart(oidc, oidcRedirectUri());
    await db.ssoFlow.create({ data: { id: digest(started.state), nonce: started.nonce, codeVerifier: started.codeVerifier, providerUrl: started.url, ...common } });
    return { url: started.url, state: started.state };
  }
  const idp = samlIdp(connection);
  if (idp) {
    const state = crypto.randomBytes(32).toString("base64url");
    const { url, requestId } = await samlAuthnRequest(idp, spSettings(connection.accountId), state);
    await db.ssoFlow.create({ data: { id: digest(state), requestId, providerUrl: url, ...common } });
    return { url, state };
  }
  throw new SsoUnavailable();
}

export async function setFlowCookie(state: string): Promise<void> {
  const { name, options } = flowCookie();
  (await cookies()).set(name, state, { ...options, maxAge: FLOW_TTL_MS / 1000 });
}

/** The state this browser began, and the cookie cleared (a flow finishes once). */
export async function takeFlowCookie(): Promise<string | null> {
  const { name, options } = flowCookie();
  const jar = await cookies();
  const state = jar.get(name)?.value ?? null;
  if (state !== null) jar.set(name, "", { ...options, maxAge: 0 });
  return state;
}

export interface SsoFlowRow {
  id: string;
  providerUrl: string;
  connectionId: string;
  purpose: SsoFlowPurpose;
  codeVerifier: string | null;
  nonce: string | null;
  requestId: string | null;
  callbackUrl: string;
  userId: string | null;
  profile: Prisma.JsonValue | null;
  createdAt: Date;
}

/** A flow still running, by the state the provider sent back (SAML's ACS: before the browser's own request). */
export async function peekFlow(db: Db | Tx, state: string): Promise<SsoFlowRow | null> {
  const [flow] = await db.$queryRaw<SsoFlowRow[]>`
    SELECT id, "providerUrl", "connectionId", purpose, "codeVerifier", nonce, "requestId", "callbackUrl", "userId", profile, "createdAt"
    FROM "SsoFlow" WHERE id = ${digest(state)} AND "expiresAt" > now()`;
  return flow ?? null;
}

/**
 * Ends the flow of this state and returns it — once, in one statement: a replayed callback, two
 * at once, another browser's state or an expired flow get null. `withProfile`: only a SAML flow
 * whose assertion the ACS accepted.
 */
export async function takeFlow(db: Db | Tx, state: string, options: { withProfile?: boolean } = {}): Promise<SsoFlowRow | null> {
  const withProfile = options.withProfile ?? false;
  const [flow] = await db.$queryRaw<SsoFlowRow[]>`
    DELETE FROM "SsoFlow" WHERE id = ${digest(state)} AND "expiresAt" > now() AND (NOT ${withProfile}::boolean OR profile IS NOT NULL)
    RETURNING id, "providerUrl", "connectionId", purpose, "codeVerifier", nonce, "requestId", "callbackUrl", "userId", profile, "createdAt"`;
  return flow ?? null;
}

/** SAML: the accepted assertion's profile, kept on the flow until the browser finishes it (once). */
export async function keepProfile(db: Db | Tx, state: string, profile: Prisma.InputJsonValue): Promise<boolean> {
  const kept = await db.$executeRaw`
    UPDATE "SsoFlow" SET profile = ${JSON.stringify(profile)}::jsonb WHERE id = ${digest(state)} AND "expiresAt" > now() AND profile IS NULL`;
  return kept === 1;
}

import "server-only";
import { headers } from "next/headers";
import { NextResponse, type NextRequest } from "next/server";
import { appUrl } from "@/lib/app-url";
import { translator } from "@/lib/i18n/messages";
import { requestLocale } from "@/lib/i18n/request-locale";
import { getDb } from "@/lib/db/client";
import { clientIp } from "@/lib/security/client-ip";
import { findConnectionById, oidcRedirectUri, oidcSettings, samlIdp, spSettings } from "@/lib/sso/connection";
import { failurePath, finishFlow } from "@/lib/sso/finish";
import { keepProfile, peekFlow, takeFlow, takeFlowCookie } from "@/lib/sso/flows";
import { OidcRejected, oidcFinish, type SsoProfile } from "@/lib/sso/oidc";
import { isUuid } from "@/lib/validation/uuid";
import { SAML_CLOCK_SKEW_MS, SamlRejected, spMetadataXml, validateSamlResponse } from "@/lib/sso/saml";

// The identity provider's ways back into the app (decision 0033). Each ends in a redirect: to the
// page the sign-in began from, to the settings page after a Test connection, or to /sso/refused.

/** 303 See Other: the browser goes on with a GET (after the ACS's POST too); cookies set meanwhile go with it. */
const goTo = (path: string) => NextResponse.redirect(new URL(path, appUrl()), 303);

/** One line in the server log for a refused answer: the protocol's reason, never a token or an assertion. */
function logRefusal(protocol: "oidc" | "saml", reason: string) {
  console.warn(JSON.stringify({ event: "sso_refused", protocol, reason, at: new Date().toISOString() }));
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * GET /sso/go?state=…: a page that sends the browser on to the provider of a flow still running
 * (a meta refresh, and a link for whoever it doesn't move). A page, not a redirect: a form posted
 * without JavaScript may only be redirected within this origin (`form-action 'self'`), and the
 * navigation a page starts is not a form's.
 */
export async function ssoGo(request: NextRequest): Promise<Response> {
  const state = request.nextUrl.searchParams.get("state");
  const flow = state ? await peekFlow(getDb(), state) : null;
  if (!flow) return goTo(failurePath(null, "expired"));
  const locale = await requestLocale();
  const t = translator(locale);
  const url = escapeHtml(flow.providerUrl);
  const title = escapeHtml(t("ssoGo.title"));
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">`
    + `<meta http-equiv="refresh" content="0;url=${url}"><title>${title}</title></head>`
    + `<body><main><h1>${title}</h1><p><a href="${url}">${escapeHtml(t("ssoGo.continue"))}</a></p></main></body></html>`;
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

/** GET /sso/oidc/callback: the provider's redirect with a code (or an error) and the state. */
export async function oidcCallback(request: NextRequest): Promise<Response> {
  const params = request.nextUrl.searchParams;
  const state = params.get("state");
  // The state must be the one this browser began with (the cookie), and a flow still running.
  const begun = await takeFlowCookie();
  const flow = state && state === begun ? await takeFlow(getDb(), state) : null;
  if (!state || !flow) {
    logRefusal("oidc", "state");
    return goTo(failurePath(null, "expired"));
  }
  const connection = await findConnectionById(getDb(), flow.connectionId);
  const settings = connection && oidcSettings(connection);
  if (!settings) return goTo(failurePath(flow.purpose, "expired"));
  let profile: SsoProfile;
  try {
    const arrivedAt = new URL(`${oidcRedirectUri()}?${params.toString()}`);
    profile = await oidcFinish(settings, oidcRedirectUri(), arrivedAt, { state, nonce: flow.nonce ?? "", codeVerifier: flow.codeVerifier ?? "" });
  } catch (error) {
    if (!(error instanceof OidcRejected)) throw error;
    logRefusal("oidc", error.reason);
    return goTo(failurePath(flow.purpose, "failed", error.reason));
  }
  return goTo(await finishFlow(flow, profile, clientIp(await headers())));
}

/**
 * POST /sso/saml/acs: the identity provider's form post, cross-site, so without this browser's
 * cookies. The assertion is validated here (signature, audience, recipient, InResponseTo of the
 * flow named by RelayState, times, replay) and kept on the flow; the browser then comes back
 * same-site to /sso/saml/finish, where its cookie must name that flow.
 */
export async function samlAcs(request: NextRequest): Promise<Response> {
  const form = await request.formData().catch(() => null);
  const samlResponse = form?.get("SAMLResponse");
  const state = form?.get("RelayState");
  if (typeof samlResponse !== "string" || typeof state !== "string" || samlResponse.length > 1_000_000) return goTo(failurePath(null, "failed"));
  const db = getDb();
  const flow = await peekFlow(db, state);
  const connection = flow && (await findConnectionById(db, flow.connectionId));
  const idp = connection && samlIdp(connection);
  if (!flow || !connection || !idp || !flow.requestId) {
    logRefusal("saml", "state");
    return goTo(failurePath(null, "expired"));
  }
  try {
    const assertion = await validateSamlResponse(samlResponse, { idp, sp: spSettings(connection.accountId), expectedRequestId: flow.requestId });
    // A replayed assertion id is refused for as long as the assertion would be accepted (its NotOnOrAfter, plus the clock skew allowed).
    const first = await db.$executeRaw`
      INSERT INTO "SamlAssertionUse" ("accountId", "assertionId", "expiresAt")
      VALUES (${connection.accountId}::uuid, ${assertion.assertionId}, ${new Date(assertion.notOnOrAfter.getTime() + SAML_CLOCK_SKEW_MS)}) ON CONFLICT DO NOTHING`;
    if (first !== 1) {
      logRefusal("saml", "replay");
      return goTo(failurePath(flow.purpose, "failed", "replay"));
    }
    const profile: SsoProfile = {
      issuer: assertion.issuer, subject: assertion.subject, email: assertion.email, emailVerified: null,
      firstName: assertion.firstName, lastName: assertion.lastName,
    };
    if (!(await keepProfile(db, state, { ...profile }))) return goTo(failurePath(flow.purpose, "expired"));
    return goTo(`/sso/saml/finish?state=${encodeURIComponent(state)}`);
  } catch (error) {
    if (!(error instanceof SamlRejected)) throw error;
    logRefusal("saml", error.reason);
    return goTo(failurePath(flow.purpose, "failed", error.reason));
  }
}

/** GET /sso/saml/finish: the same browser, same-site, with the cookie naming the flow the ACS accepted. */
export async function samlFinish(request: NextRequest): Promise<Response> {
  const state = request.nextUrl.searchParams.get("state");
  const begun = await takeFlowCookie();
  const flow = state && state === begun ? await takeFlow(getDb(), state, { withProfile: true }) : null;
  if (!flow?.profile) {
    logRefusal("saml", "state");
    return goTo(failurePath(null, "expired"));
  }
  return goTo(await finishFlow(flow, flow.profile as unknown as SsoProfile, clientIp(await headers())));
}

/**
 * GET /sso/saml/{accountId}: this app's SP metadata for that account (its entity id is this URL),
 * before a connection exists too: the identity provider is usually set up first.
 */
export async function samlMetadata(accountId: string): Promise<Response> {
  const exists = isUuid(accountId) && (await getDb().account.count({ where: { id: accountId } })) === 1;
  if (!exists) return new Response("Not found", { status: 404 });
  return new Response(spMetadataXml(spSettings(accountId)), { headers: { "Content-Type": "application/samlmetadata+xml; charset=utf-8" } });
}

// SAML 2.0 service provider: reads an identity provider's metadata, sends an AuthnRequest
// (HTTP-Redirect binding) and validates the SAMLResponse posted back to the ACS (HTTP-POST).
// node-saml does the XML signature work; the checks it leaves out (issuer, Destination, Recipient,
// InResponseTo bound to the signed assertion, the status of a response that carries an assertion,
// a wrapped second assertion, DOCTYPE) are done here, on the signed bytes it hands back.
// No Next.js, no database: the benchmark and the tests import this file directly.
import crypto from "node:crypto";
import { DOMParser, type Document, type Element } from "@xmldom/xmldom";
import { SAML, SamlStatusError, ValidateInResponseTo, generateServiceProviderMetadata } from "@node-saml/node-saml";

export interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  /** base64 DER, no PEM armour, whitespace removed */
  certificates: string[];
}

export interface SpSettings {
  entityId: string;
  acsUrl: string;
}

export const SAML_METADATA_MAX_BYTES = 256 * 1024;
/** A posted SAMLResponse larger than this (decoded) is refused before parsing. */
export const SAML_RESPONSE_MAX_BYTES = 1024 * 1024;
/**
 * Clock skew accepted on NotBefore / NotOnOrAfter. An assertion is still accepted up to this long
 * after its `notOnOrAfter`: keep a used assertion id at least until notOnOrAfter + this.
 */
export const SAML_CLOCK_SKEW_MS = 2 * 60 * 1000;

const NS = {
  md: "urn:oasis:names:tc:SAML:2.0:metadata",
  ds: "http://www.w3.org/2000/09/xmldsig#",
  saml: "urn:oasis:names:tc:SAML:2.0:assertion",
  samlp: "urn:oasis:names:tc:SAML:2.0:protocol",
} as const;
const BINDING_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
const NAMEID_EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
const STATUS_SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
const CM_BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

export class SamlMetadataError extends Error {
  constructor(readonly reason: "tooLarge" | "notXml" | "doctype" | "notIdp" | "noSsoUrl" | "noCertificate") {
    super(`SAML metadata refused: ${reason}`);
    this.name = "SamlMetadataError";
  }
}

export type SamlRejectedReason =
  | "malformed"
  | "doctype"
  | "status"
  | "unsigned"
  | "signature"
  | "issuer"
  | "audience"
  | "destination"
  | "expired"
  | "notYetValid"
  | "inResponseTo"
  | "subjectConfirmation";

export class SamlRejected extends Error {
  /** `cause` keeps node-saml's own error for the logs; never show it to the browser. */
  constructor(readonly reason: SamlRejectedReason, options?: { cause?: unknown }) {
    super(`SAML response refused: ${reason}`, options);
    this.name = "SamlRejected";
  }
}

// ---------------------------------------------------------------------------------------------
// XML helpers (xmldom, namespace-aware)

/** DOCTYPE (and with it XXE and entity expansion) is refused outright: SAML never needs one. */
const hasDoctype = (xml: string) => /<!DOCTYPE|<!ENTITY/i.test(xml);

function parseXml(xml: string): Document | null {
  try {
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== "warning") throw new Error(message);
      },
    }).parseFromString(xml, "text/xml");
    return doc.documentElement ? doc : null;
  } catch {
    return null;
  }
}

const is = (node: Element | null | undefined, ns: string, name: string): node is Element =>
  !!node && node.namespaceURI === ns && node.localName === name;

function children(parent: Element, ns: string, name: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && is(node as Element, ns, name)) found.push(node as Element);
  }
  return found;
}

const child = (parent: Element, ns: string, name: string): Element | undefined => children(parent, ns, name)[0];

function descendants(parent: Element | Document, ns: string, name: string): Element[] {
  return Array.from(parent.getElementsByTagNameNS(ns, name));
}

/** Every element with this local name, whatever its namespace (node-saml matches by local name). */
function byLocalName(parent: Document, name: string): Element[] {
  return Array.from(parent.getElementsByTagName("*")).filter((element) => element.localName === name);
}

const text = (element: Element | undefined) => (element?.textContent ?? "").trim();
const attribute = (element: Element | undefined, name: string) => element?.getAttribute(name) || null;

// ---------------------------------------------------------------------------------------------
// Metadata

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
};

function isCertificate(base64: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return false;
  try {
    new crypto.X509Certificate(Buffer.from(base64, "base64"));
    return true;
  } catch {
    return false;
  }
}

/**
 * Parses IdP metadata XML (EntityDescriptor, or an EntitiesDescriptor holding exactly one IdP).
 * Refuses any DOCTYPE (XXE, entity expansion) before parsing, more than SAML_METADATA_MAX_BYTES,
 * non-XML; needs an IDPSSODescriptor with an HTTP-Redirect SingleSignOnService whose Location is an
 * http(s) URL (else noSsoUrl: HTTP-POST is not supported) and at least one KeyDescriptor
 * use="signing" (or without use) holding a readable X.509 certificate.
 */
export function parseIdpMetadata(xml: string): IdpMetadata {
  if (Buffer.byteLength(xml, "utf8") > SAML_METADATA_MAX_BYTES) throw new SamlMetadataError("tooLarge");
  if (hasDoctype(xml)) throw new SamlMetadataError("doctype");
  const doc = parseXml(xml.replace(/^\uFEFF/, "").trim());
  if (!doc) throw new SamlMetadataError("notXml");
  const root = doc.documentElement!;
  const entities = is(root, NS.md, "EntityDescriptor")
    ? [root]
    : is(root, NS.md, "EntitiesDescriptor")
      ? descendants(root, NS.md, "EntityDescriptor")
      : [];
  const idps = entities.flatMap((entity) => {
    const descriptors = children(entity, NS.md, "IDPSSODescriptor").filter((descriptor) =>
      (attribute(descriptor, "protocolSupportEnumeration") ?? "").split(/\s+/).includes(NS.samlp),
    );
    return descriptors.length > 0 ? [{ entity, descriptor: descriptors[0] }] : [];
  });
  if (idps.length !== 1) throw new SamlMetadataError("notIdp");
  const { entity, descriptor } = idps[0];
  const entityId = (attribute(entity, "entityID") ?? "").trim();
  if (!entityId) throw new SamlMetadataError("notIdp");

  const ssoUrl = children(descriptor, NS.md, "SingleSignOnService")
    .filter((service) => attribute(service, "Binding") === BINDING_REDIRECT)
    .map((service) => (attribute(service, "Location") ?? "").trim())
    .find(isHttpUrl);
  if (!ssoUrl) throw new SamlMetadataError("noSsoUrl");

  const certificates = children(descriptor, NS.md, "KeyDescriptor")
    .filter((key) => [null, "signing"].includes(attribute(key, "use")))
    .flatMap((key) => descendants(key, NS.ds, "X509Certificate"))
    .map((certificate) => (certificate.textContent ?? "").replace(/\s+/g, ""))
    .filter(isCertificate);
  if (certificates.length === 0) throw new SamlMetadataError("noCertificate");
  return { entityId, ssoUrl, certificates: [...new Set(certificates)] };
}

/** The SP metadata XML shown for copying (entityID, ACS HTTP-POST, NameIDFormat emailAddress, WantAssertionsSigned="true", AuthnRequestsSigned="false"). */
export function spMetadataXml(sp: SpSettings): string {
  return generateServiceProviderMetadata({
    issuer: sp.entityId,
    callbackUrl: sp.acsUrl,
    identifierFormat: NAMEID_EMAIL,
    wantAssertionsSigned: true,
    // A stable ID: the same settings always show the same XML.
    generateUniqueId: () => `_${crypto.createHash("sha256").update(`${sp.entityId}\n${sp.acsUrl}`).digest("hex").slice(0, 40)}`,
  });
}

// ---------------------------------------------------------------------------------------------
// AuthnRequest

function samlClient(idp: IdpMetadata, sp: SpSettings, extra: Partial<ConstructorParameters<typeof SAML>[0]> = {}) {
  return new SAML({
    entryPoint: idp.ssoUrl,
    issuer: sp.entityId,
    callbackUrl: sp.acsUrl,
    idpCert: idp.certificates,
    audience: sp.entityId,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    // InResponseTo is checked below against the signed assertion, not through node-saml's cache.
    validateInResponseTo: ValidateInResponseTo.never,
    // No NameIDPolicy Format and no RequestedAuthnContext: IdPs refuse requests they cannot meet
    // exactly (Entra ID with MFA, persistent-only IdPs); the email may come from an attribute.
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    ...extra,
  });
}

/** HTTP-Redirect binding URL of an AuthnRequest to idp.ssoUrl, with RelayState; returns the request's ID (to check InResponseTo). */
export async function samlAuthnRequest(idp: IdpMetadata, sp: SpSettings, relayState: string): Promise<{ url: string; requestId: string }> {
  const requestId = `_${crypto.randomBytes(20).toString("hex")}`;
  const url = await samlClient(idp, sp, { generateUniqueId: () => requestId }).getAuthorizeUrlAsync(relayState, undefined, {});
  return { url, requestId };
}

// ---------------------------------------------------------------------------------------------
// Response

export interface SamlProfile {
  issuer: string;
  /** NameID */
  subject: string;
  email: string | null;
  firstName: string;
  lastName: string;
  assertionId: string;
  /** The earliest NotOnOrAfter of the assertion (accepted up to SAML_CLOCK_SKEW_MS later). */
  notOnOrAfter: Date;
}

const EMAIL_ATTRIBUTES = ["email", "mail", "emailaddress", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "urn:oid:0.9.2342.19200300.100.1.3"];
const FIRST_NAME_ATTRIBUTES = ["givenName", "firstName", "first_name", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", "urn:oid:2.5.4.42"];
const LAST_NAME_ATTRIBUTES = ["sn", "surname", "lastName", "last_name", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", "urn:oid:2.5.4.4"];

const looksLikeEmail = (value: string) => /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(value) && value.length <= 320;

/** node-saml's error messages, mapped to a reason (its errors carry no codes). */
function reasonOfNodeSamlError(error: unknown): SamlRejectedReason {
  if (error instanceof SamlStatusError) return "status";
  const message = error instanceof Error ? error.message : "";
  if (/audience/i.test(message)) return "audience";
  if (/not yet valid/i.test(message)) return "notYetValid";
  if (/expired/i.test(message)) return "expired";
  if (/subject confirmation/i.test(message)) return "subjectConfirmation";
  if (/InResponseTo/i.test(message)) return "inResponseTo";
  if (/signature|referenced node|ID cannot refer|signed data/i.test(message)) return "signature";
  return "malformed";
}

function timeOf(element: Element | undefined, name: string): number | null {
  const value = attribute(element, name);
  if (value === null) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new SamlRejected("malformed");
  return ms;
}

function checkWindow(element: Element | undefined, nowMs: number) {
  const notBefore = timeOf(element, "NotBefore");
  const notOnOrAfter = timeOf(element, "NotOnOrAfter");
  if (notBefore !== null && nowMs + SAML_CLOCK_SKEW_MS < notBefore) throw new SamlRejected("notYetValid");
  if (notOnOrAfter !== null && nowMs - SAML_CLOCK_SKEW_MS >= notOnOrAfter) throw new SamlRejected("expired");
  return notOnOrAfter;
}

/**
 * Validates a POSTed SAMLResponse (base64): exactly one Assertion, signed by one of
 * idp.certificates (a signed Response with an unsigned assertion is refused: WantAssertionsSigned),
 * issuer = idp.entityId, AudienceRestriction contains sp.entityId, Destination (if present) and the
 * bearer SubjectConfirmationData Recipient = sp.acsUrl, InResponseTo = expectedRequestId,
 * NotBefore/NotOnOrAfter with ≤ 2 minutes skew (`now` injectable), StatusCode Success.
 * Throws SamlRejected with the most precise reason. The replay check of assertionId is the caller's.
 */
export async function validateSamlResponse(
  samlResponse: string,
  options: { idp: IdpMetadata; sp: SpSettings; expectedRequestId: string; now?: Date },
): Promise<SamlProfile> {
  const { idp, sp, expectedRequestId } = options;
  const nowMs = (options.now ?? new Date()).getTime();

  // 1. Before any parsing: size, encoding, DOCTYPE.
  if (typeof samlResponse !== "string" || samlResponse.length > (SAML_RESPONSE_MAX_BYTES * 4) / 3 + 4) throw new SamlRejected("malformed");
  const compact = samlResponse.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw new SamlRejected("malformed");
  const xml = Buffer.from(compact, "base64").toString("utf8");
  if (hasDoctype(xml)) throw new SamlRejected("doctype");
  const doc = parseXml(xml);
  const response = doc?.documentElement;
  if (!doc || !is(response, NS.samlp, "Response")) throw new SamlRejected("malformed");

  // 2. The envelope: status first (an IdP's refusal is the most useful reason), then the shape.
  const statusCode = attribute(child(child(response, NS.samlp, "Status") ?? response, NS.samlp, "StatusCode"), "Value");
  if (statusCode !== STATUS_SUCCESS) throw new SamlRejected("status");
  // Exactly one assertion in the whole document, right under the Response: any other one (a
  // sibling, or the signed original moved into Extensions) is a signature-wrapping attempt.
  const assertions = byLocalName(doc, "Assertion");
  const encrypted = byLocalName(doc, "EncryptedAssertion");
  if (assertions.length + encrypted.length > 1) throw new SamlRejected("signature");
  if (assertions.length === 0) throw new SamlRejected("malformed"); // none, or encrypted (not offered)
  const [assertion] = assertions;
  if (!is(assertion, NS.saml, "Assertion") || assertion.parentNode !== response) throw new SamlRejected("signature");
  if (children(assertion, NS.ds, "Signature").length === 0) throw new SamlRejected("unsigned");

  // 3. Signatures, audience and (with the real clock) timestamps: node-saml.
  let assertionXml: string;
  try {
    // node-saml reads the real clock; with an injected `now` its timestamp checks are off and ours below decide.
    const saml = samlClient(idp, sp, { acceptedClockSkewMs: options.now ? -1 : SAML_CLOCK_SKEW_MS });
    const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: compact });
    if (!profile?.getAssertionXml) throw new Error("no assertion");
    assertionXml = profile.getAssertionXml();
  } catch (error) {
    throw new SamlRejected(reasonOfNodeSamlError(error), { cause: error });
  }

  // 4. Our checks, on the bytes the signature covers (never on the posted document's assertion).
  const signed = parseXml(assertionXml)?.documentElement;
  if (!is(signed, NS.saml, "Assertion")) throw new SamlRejected("malformed");
  const issuer = text(child(signed, NS.saml, "Issuer"));
  const responseIssuer = child(response, NS.saml, "Issuer");
  if (issuer !== idp.entityId || (responseIssuer && text(responseIssuer) !== idp.entityId)) throw new SamlRejected("issuer");

  const destination = attribute(response, "Destination");
  if (destination !== null && destination !== sp.acsUrl) throw new SamlRejected("destination");
  const responseInResponseTo = attribute(response, "InResponseTo");
  if (responseInResponseTo !== null && responseInResponseTo !== expectedRequestId) throw new SamlRejected("inResponseTo");

  const conditions = children(signed, NS.saml, "Conditions");
  if (conditions.length !== 1) throw new SamlRejected("malformed");
  const conditionsEnd = checkWindow(conditions[0], nowMs);
  const restrictions = children(conditions[0], NS.saml, "AudienceRestriction");
  if (restrictions.length === 0 || restrictions.some((r) => !children(r, NS.saml, "Audience").some((a) => text(a) === sp.entityId))) {
    throw new SamlRejected("audience");
  }

  const subject = child(signed, NS.saml, "Subject");
  const nameIdElement = subject && child(subject, NS.saml, "NameID");
  const nameId = text(nameIdElement);
  if (!subject || !nameId) throw new SamlRejected("malformed");
  // At least one bearer confirmation for this ACS, this request, still valid; else the first one's fault.
  let confirmationEnd: number | null = null;
  let firstFault: SamlRejected | null = null;
  for (const confirmation of children(subject, NS.saml, "SubjectConfirmation")) {
    if (attribute(confirmation, "Method") !== CM_BEARER) continue;
    try {
      const data = child(confirmation, NS.saml, "SubjectConfirmationData");
      if (!data || attribute(data, "Recipient") !== sp.acsUrl) throw new SamlRejected("subjectConfirmation");
      if (attribute(data, "InResponseTo") !== expectedRequestId) throw new SamlRejected("inResponseTo");
      const end = checkWindow(data, nowMs);
      if (end === null) throw new SamlRejected("subjectConfirmation");
      confirmationEnd = end;
      firstFault = null;
      break;
    } catch (error) {
      if (!(error instanceof SamlRejected)) throw error;
      firstFault ??= error;
    }
  }
  if (confirmationEnd === null) throw firstFault ?? new SamlRejected("subjectConfirmation");

  const assertionId = attribute(signed, "ID");
  if (!assertionId) throw new SamlRejected("malformed");

  // 5. The profile.
  const attributes = new Map<string, string>();
  for (const statement of children(signed, NS.saml, "AttributeStatement")) {
    for (const element of children(statement, NS.saml, "Attribute")) {
      const value = text(child(element, NS.saml, "AttributeValue"));
      if (!value) continue;
      for (const name of [attribute(element, "Name"), attribute(element, "FriendlyName")]) {
        if (name && !attributes.has(name.toLowerCase())) attributes.set(name.toLowerCase(), value);
      }
    }
  }
  const first = (names: string[]) => names.map((name) => attributes.get(name.toLowerCase())).find((value) => value !== undefined);
  // The NameID when it is an address (format emailAddress, or persistent/unspecified holding one), else an attribute.
  const attributeEmail = first(EMAIL_ATTRIBUTES);
  const email = looksLikeEmail(nameId) ? nameId : attributeEmail && looksLikeEmail(attributeEmail) ? attributeEmail : null;

  return {
    issuer,
    subject: nameId,
    email,
    firstName: first(FIRST_NAME_ATTRIBUTES) ?? "",
    lastName: first(LAST_NAME_ATTRIBUTES) ?? "",
    assertionId,
    notOnOrAfter: new Date(conditionsEnd === null ? confirmationEnd : Math.min(conditionsEnd, confirmationEnd)),
  };
}

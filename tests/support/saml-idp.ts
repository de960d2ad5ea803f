// A real SAML 2.0 identity provider for tests: RSA keys and self-signed X.509 certificates made at
// start (test-only, never persisted), assertions signed with xml-crypto, and an HTTP server with a
// sign-in page (HTTP-Redirect binding in, HTTP-POST binding out) for the end-to-end tests.
// `response()` builds a SAMLResponse directly, with a knob for every attack the SP must refuse.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { DOMParser } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";

export interface SamlIdpOptions {
  entityId?: string;
}

export interface TestSamlIdp {
  entityId: string;
  ssoUrl: string;
  metadataXml: string;
  /** base64 DER */
  certificate: string;
  /** A SAMLResponse (base64) as the IdP would post it, with knobs for every attack. */
  response(o: SamlResponseOptions): string;
  stop(): Promise<void>;
}

export interface SamlResponseOptions {
  acsUrl: string;
  audience: string;
  inResponseTo: string;
  nameId: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  /** default true */
  signAssertion?: boolean;
  /** default false */
  signResponse?: boolean;
  /** signed by a key not in the metadata */
  otherKey?: boolean;
  destination?: string;
  recipient?: string;
  notOnOrAfter?: Date;
  notBefore?: Date;
  assertionId?: string;
  issuer?: string;
  /** inject a second, unsigned assertion for another NameID */
  wrap?: boolean;
  status?: string;
}

// ---------------------------------------------------------------------------------------------
// A self-signed X.509 v3 certificate, DER-encoded by hand (node:crypto signs but builds no certificates).

function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const length = body.length;
  const header =
    length < 0x80 ? [length] : length < 0x100 ? [0x81, length] : length < 0x10000 ? [0x82, length >> 8, length & 0xff] : [0x83, length >> 16, (length >> 8) & 0xff, length & 0xff];
  return Buffer.concat([Buffer.from([tag, ...header]), body]);
}
const sequence = (...content: Buffer[]) => der(0x30, ...content);
const integer = (bytes: Buffer) => der(0x02, bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
function objectId(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const bytes = [a * 40 + b];
  for (const n of rest) {
    const base128 = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) base128.unshift((v & 0x7f) | 0x80);
    bytes.push(...base128);
  }
  return der(0x06, Buffer.from(bytes));
}
const utcTime = (date: Date) => der(0x17, Buffer.from(date.toISOString().replace(/^\d\d(\d\d)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d).*$/, "$1$2$3$4$5$6Z")));
const name = (commonName: string) => sequence(der(0x31, sequence(objectId("2.5.4.3"), der(0x0c, Buffer.from(commonName)))));

function selfSignedCertificate(commonName: string): { privateKey: crypto.KeyObject; certificate: string; pem: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const sha256WithRsa = sequence(objectId("1.2.840.113549.1.1.11"), Buffer.from([0x05, 0x00]));
  const now = Date.now();
  const serial = crypto.randomBytes(16);
  serial[0] &= 0x7f; // positive
  const tbs = sequence(
    der(0xa0, integer(Buffer.from([2]))), // v3
    integer(serial),
    sha256WithRsa,
    name(commonName),
    sequence(utcTime(new Date(now - 86_400_000)), utcTime(new Date(now + 10 * 365 * 86_400_000))),
    name(commonName),
    publicKey.export({ type: "spki", format: "der" }),
  );
  const signature = crypto.sign("sha256", tbs, privateKey);
  const certificate = sequence(tbs, sha256WithRsa, der(0x03, Buffer.from([0]), signature)).toString("base64");
  const pem = `-----BEGIN CERTIFICATE-----\n${certificate.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;
  return { privateKey, certificate, pem };
}

// ---------------------------------------------------------------------------------------------
// Responses

const NS_SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
const NS_SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
const STATUS_SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";

const escapeXml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
const escapeHtml = escapeXml;
const newId = () => `_${crypto.randomBytes(16).toString("hex")}`;
const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+$/.test(value);

type Signer = { privateKey: crypto.KeyObject; pem: string };

function sign(xml: string, signer: Signer, element: "Assertion" | "Response"): string {
  const target = element === "Response" ? "/*[local-name(.)='Response']" : "/*[local-name(.)='Response']/*[local-name(.)='Assertion']";
  const sig = new SignedXml({
    privateKey: signer.privateKey.export({ type: "pkcs8", format: "pem" }),
    publicCert: signer.pem,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  sig.addReference({
    xpath: target,
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
  });
  // The schema puts ds:Signature right after the element's Issuer.
  sig.computeSignature(xml, { location: { reference: `${target}/*[local-name(.)='Issuer']`, action: "after" } });
  return sig.getSignedXml();
}

function assertionXml(o: SamlResponseOptions, entityId: string, id: string, nameId: string): string {
  const now = new Date();
  const notBefore = o.notBefore ?? new Date(now.getTime() - 30_000);
  const notOnOrAfter = o.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000);
  const format = looksLikeEmail(nameId) ? "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress" : "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
  const attributes = (
    [
      ["email", o.email],
      ["givenName", o.firstName],
      ["sn", o.lastName],
    ] as const
  )
    .filter(([, value]) => value !== undefined)
    .map(([attributeName, value]) => `<saml:Attribute Name="${attributeName}"><saml:AttributeValue>${escapeXml(value!)}</saml:AttributeValue></saml:Attribute>`)
    .join("");
  return (
    `<saml:Assertion xmlns:saml="${NS_SAML}" ID="${escapeXml(id)}" Version="2.0" IssueInstant="${now.toISOString()}">` +
    `<saml:Issuer>${escapeXml(o.issuer ?? entityId)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="${format}">${escapeXml(nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
    `<saml:SubjectConfirmationData InResponseTo="${escapeXml(o.inResponseTo)}" Recipient="${escapeXml(o.recipient ?? o.acsUrl)}" NotOnOrAfter="${notOnOrAfter.toISOString()}"/>` +
    `</saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${notBefore.toISOString()}" NotOnOrAfter="${notOnOrAfter.toISOString()}">` +
    `<saml:AudienceRestriction><saml:Audience>${escapeXml(o.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="${newId()}"><saml:AuthnContext>` +
    `<saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef>` +
    `</saml:AuthnContext></saml:AuthnStatement>` +
    (attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : "") +
    `</saml:Assertion>`
  );
}

function buildResponse(o: SamlResponseOptions, entityId: string, signer: Signer): string {
  const assertion = assertionXml(o, entityId, o.assertionId ?? newId(), o.nameId);
  const envelope = (inner: string) =>
    `<samlp:Response xmlns:samlp="${NS_SAMLP}" xmlns:saml="${NS_SAML}" ID="${newId()}" Version="2.0" IssueInstant="${new Date().toISOString()}"` +
    ` Destination="${escapeXml(o.destination ?? o.acsUrl)}" InResponseTo="${escapeXml(o.inResponseTo)}">` +
    `<saml:Issuer>${escapeXml(o.issuer ?? entityId)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${escapeXml(o.status ?? STATUS_SUCCESS)}"/></samlp:Status>` +
    inner +
    `</samlp:Response>`;
  let xml = envelope(assertion);
  if (o.signAssertion ?? true) xml = sign(xml, signer, "Assertion");
  if (o.wrap) {
    // The classic wrapping attack: an unsigned assertion for someone else, first under the Response.
    const evil = assertionXml(o, entityId, newId(), `attacker-${o.nameId}`);
    xml = xml.replace(/(<\/samlp:Status>)/, `$1${evil}`);
  }
  if (o.signResponse) xml = sign(xml, signer, "Response");
  return Buffer.from(xml, "utf8").toString("base64");
}

function metadata(entityId: string, ssoUrl: string, certificate: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${escapeXml(entityId)}">` +
    `<md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="${NS_SAMLP}">` +
    `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificate.match(/.{1,64}/g)!.join("\n")}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    `<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>` +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${escapeXml(ssoUrl)}"/>` +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${escapeXml(ssoUrl)}"/>` +
    `</md:IDPSSODescriptor></md:EntityDescriptor>`
  );
}

// ---------------------------------------------------------------------------------------------
// The HTTP side: sign-in page and auto-submitting form

interface PendingRequest {
  id: string;
  acsUrl: string;
  spEntityId: string;
  relayState: string;
}

function page(title: string, body: string, script = ""): string {
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body><main><h1>${escapeHtml(title)}</h1>${body}</main>${script}</body></html>`
  );
}

function readAuthnRequest(samlRequest: string): { id: string; acsUrl: string; spEntityId: string } | null {
  try {
    const xml = zlib.inflateRawSync(Buffer.from(samlRequest, "base64")).toString("utf8");
    const request = new DOMParser().parseFromString(xml, "text/xml").documentElement;
    if (!request || request.localName !== "AuthnRequest" || request.namespaceURI !== NS_SAMLP) return null;
    const issuer = request.getElementsByTagNameNS(NS_SAML, "Issuer")[0]?.textContent?.trim();
    const id = request.getAttribute("ID");
    const acsUrl = request.getAttribute("AssertionConsumerServiceURL");
    return id && acsUrl && issuer ? { id, acsUrl, spEntityId: issuer } : null;
  } catch {
    return null;
  }
}

async function readForm(request: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/**
 * Starts the IdP's HTTP server on 127.0.0.1 (a free port). GET /sso (HTTP-Redirect binding) answers
 * a sign-in page; POST /sso/login answers a form that posts SAMLResponse + RelayState to the
 * request's AssertionConsumerServiceURL (NameID: a stable subject per email); GET /metadata.
 */
export async function startSamlIdp(options: SamlIdpOptions = {}): Promise<TestSamlIdp & { rename(oldEmail: string, newEmail: string): void }> {
  const signer = selfSignedCertificate("Central Admin test IdP");
  const otherSigner = selfSignedCertificate("Someone else's IdP");
  const pending = new Map<string, PendingRequest>();
  const subjects = new Map<string, string>(); // email → stable NameID

  const server = http.createServer();
  // Port 0: the kernel picks a free port at bind time (no window between choosing and listening).
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const entityId = options.entityId ?? `${base}/metadata`;
  const ssoUrl = `${base}/sso`;
  const metadataXml = metadata(entityId, ssoUrl, signer.certificate);

  const response = (o: SamlResponseOptions) => buildResponse(o, entityId, o.otherKey ? otherSigner : signer);

  server.on("request", async (request, reply) => {
    const url = new URL(request.url ?? "/", base);
    const html = (status: number, body: string) =>
      reply.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(body);
    try {
      if (request.method === "GET" && url.pathname === "/metadata") {
        reply.writeHead(200, { "content-type": "application/samlmetadata+xml" }).end(metadataXml);
      } else if (request.method === "GET" && url.pathname === "/sso") {
        const authn = readAuthnRequest(url.searchParams.get("SAMLRequest") ?? "");
        if (!authn) return html(400, page("Bad SAML request", "<p>The SAMLRequest could not be read.</p>"));
        const key = crypto.randomBytes(16).toString("hex");
        pending.set(key, { ...authn, relayState: url.searchParams.get("RelayState") ?? "" });
        html(
          200,
          page(
            "Test identity provider",
            `<form method="post" action="/sso/login"><input type="hidden" name="request" value="${key}">` +
              `<p><label>Email <input name="email" type="email" autocomplete="username" required></label></p>` +
              `<p><label>First name <input name="firstName" autocomplete="given-name"></label></p>` +
              `<p><label>Last name <input name="lastName" autocomplete="family-name"></label></p>` +
              `<p><button type="submit">Sign in</button></p></form>`,
          ),
        );
      } else if (request.method === "POST" && url.pathname === "/sso/login") {
        const form = await readForm(request);
        const authn = pending.get(form.get("request") ?? "");
        const email = (form.get("email") ?? "").trim();
        if (!authn || !email) return html(400, page("Sign-in failed", "<p>Unknown request or missing email.</p>"));
        pending.delete(form.get("request")!);
        let subject = subjects.get(email.toLowerCase());
        if (!subject) subjects.set(email.toLowerCase(), (subject = `subject-${crypto.randomBytes(8).toString("hex")}`));
        const samlResponse = response({
          acsUrl: authn.acsUrl,
          audience: authn.spEntityId,
          inResponseTo: authn.id,
          nameId: subject,
          email,
          firstName: form.get("firstName") || undefined,
          lastName: form.get("lastName") || undefined,
        });
        html(
          200,
          page(
            "Signing you in",
            `<form method="post" action="${escapeHtml(authn.acsUrl)}">` +
              `<input type="hidden" name="SAMLResponse" value="${samlResponse}">` +
              (authn.relayState ? `<input type="hidden" name="RelayState" value="${escapeHtml(authn.relayState)}">` : "") +
              `<p><button type="submit">Continue</button></p></form>`,
            `<script>document.forms[0].submit()</script>`,
          ),
        );
      } else {
        html(404, page("Not found", "<p>Nothing here.</p>"));
      }
    } catch {
      if (!reply.headersSent) html(500, page("Error", "<p>The test IdP failed.</p>"));
    }
  });

  return {
    entityId,
    ssoUrl,
    metadataXml,
    certificate: signer.certificate,
    response,
    rename(oldEmail, newEmail) {
      const subject = subjects.get(oldEmail.toLowerCase());
      if (!subject) throw new Error(`the test IdP has no subject for ${oldEmail}`);
      subjects.delete(oldEmail.toLowerCase());
      subjects.set(newEmail.toLowerCase(), subject);
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

import zlib from "node:zlib";
import { DOMParser } from "@xmldom/xmldom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  SAML_CLOCK_SKEW_MS,
  SamlMetadataError,
  SamlRejected,
  parseIdpMetadata,
  samlAuthnRequest,
  spMetadataXml,
  validateSamlResponse,
  type IdpMetadata,
} from "@/lib/sso/saml";
import { startSamlIdp, type SamlResponseOptions } from "../support/saml-idp";

const sp = { entityId: "https://admin.example/sso/saml/acme", acsUrl: "https://admin.example/api/sso/saml/acme/acs" };
const requestId = "_0123456789abcdef0123456789abcdef01234567";

let idp: Awaited<ReturnType<typeof startSamlIdp>>;
let metadata: IdpMetadata;
beforeAll(async () => {
  idp = await startSamlIdp();
  metadata = parseIdpMetadata(idp.metadataXml);
});
afterAll(() => idp?.stop());

/** A response for this SP and request, changed by `o`. */
const responseWith = (o: Partial<SamlResponseOptions> = {}) =>
  idp.response({ acsUrl: sp.acsUrl, audience: sp.entityId, inResponseTo: requestId, nameId: "subject-42", email: "ada@acme.example", ...o });
const validate = (samlResponse: string, now?: Date) => validateSamlResponse(samlResponse, { idp: metadata, sp, expectedRequestId: requestId, now });

/** The refusal's reason, or "accepted". */
async function outcome(samlResponse: string, now?: Date): Promise<string> {
  try {
    await validate(samlResponse, now);
    return "accepted";
  } catch (error) {
    if (error instanceof SamlRejected) return error.reason;
    throw error;
  }
}

function metadataOutcome(xml: string): string {
  try {
    parseIdpMetadata(xml);
    return "accepted";
  } catch (error) {
    if (error instanceof SamlMetadataError) return error.reason;
    throw error;
  }
}

const decode = (samlResponse: string) => Buffer.from(samlResponse, "base64").toString("utf8");
const encode = (xml: string) => Buffer.from(xml, "utf8").toString("base64");

/** IdP metadata around one IDPSSODescriptor body. */
const idpMetadataXml = (descriptor: string, entityId = "https://idp.example/") =>
  `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${entityId}">` +
  `<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${descriptor}</md:IDPSSODescriptor></md:EntityDescriptor>`;
const signingKey = () =>
  `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${idp.certificate}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
const redirectSso = `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example/sso"/>`;

describe("IdP metadata", () => {
  it("parses the test IdP's own metadata", () => {
    expect(metadata).toEqual({ entityId: idp.entityId, ssoUrl: idp.ssoUrl, certificates: [idp.certificate] });
  });

  it("takes the one IdP of an EntitiesDescriptor, and refuses one holding two", () => {
    const entity = (id: string) => idpMetadataXml(signingKey() + redirectSso, id).replace(/ xmlns:(md|ds)="[^"]+"/g, "");
    const group = (inner: string) =>
      `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">${inner}</md:EntitiesDescriptor>`;
    expect(parseIdpMetadata(group(entity("https://one.example/"))).entityId).toBe("https://one.example/");
    expect(metadataOutcome(group(entity("https://one.example/") + entity("https://two.example/")))).toBe("notIdp");
  });

  it("refuses text that is not XML", () => {
    expect(metadataOutcome("this is not metadata")).toBe("notXml");
    expect(metadataOutcome('{"entityId": "https://idp.example/"}')).toBe("notXml");
    expect(metadataOutcome("<md:EntityDescriptor xmlns:md='urn:oasis:names:tc:SAML:2.0:metadata'><unclosed>")).toBe("notXml");
  });

  it("refuses a DOCTYPE with an external entity (XXE) before parsing: the file is never read", () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE md [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` + idpMetadataXml(signingKey() + redirectSso, "&xxe;");
    let thrown: unknown;
    try {
      parseIdpMetadata(xxe);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SamlMetadataError);
    expect((thrown as SamlMetadataError).reason).toBe("doctype");
    expect(JSON.stringify({ message: (thrown as Error).message, ...(thrown as object) })).not.toMatch(/root:/);
  });

  it("refuses a billion-laughs entity expansion", () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("");
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${levels}]>` + idpMetadataXml(signingKey() + redirectSso, "&lol9;");
    expect(metadataOutcome(bomb)).toBe("doctype");
  });

  it("refuses metadata over the size limit", () => {
    const padding = `<!-- ${"x".repeat(1024 * 1024)} -->`;
    expect(metadataOutcome(idpMetadataXml(signingKey() + redirectSso + padding))).toBe("tooLarge");
  });

  it("refuses metadata without an IDPSSODescriptor (an SP's metadata)", () => {
    expect(metadataOutcome(spMetadataXml(sp))).toBe("notIdp");
  });

  it("refuses an IdP without a signing certificate", () => {
    expect(metadataOutcome(idpMetadataXml(redirectSso))).toBe("noCertificate");
    expect(metadataOutcome(idpMetadataXml(signingKey().replace('use="signing"', 'use="encryption"') + redirectSso))).toBe("noCertificate");
    expect(metadataOutcome(idpMetadataXml(signingKey().replace(idp.certificate, "bm90IGEgY2VydGlmaWNhdGU=") + redirectSso))).toBe("noCertificate");
  });

  it("refuses an IdP without an HTTP-Redirect sign-on URL, or with a non-http one", () => {
    expect(metadataOutcome(idpMetadataXml(signingKey() + redirectSso.replace("HTTP-Redirect", "HTTP-POST")))).toBe("noSsoUrl");
    expect(metadataOutcome(idpMetadataXml(signingKey() + redirectSso.replace("https://idp.example/sso", "javascript:alert(1)")))).toBe("noSsoUrl");
  });

  it("returns hostile names verbatim, as plain strings", () => {
    const parsed = parseIdpMetadata(idpMetadataXml(signingKey() + redirectSso, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    expect(parsed.entityId).toBe('<script>alert("x")</script>');
  });
});

describe("SP metadata and AuthnRequest", () => {
  it("publishes the SP metadata the IdP needs", () => {
    const root = new DOMParser().parseFromString(spMetadataXml(sp), "text/xml").documentElement!;
    expect(root.getAttribute("entityID")).toBe(sp.entityId);
    const descriptor = root.getElementsByTagName("SPSSODescriptor")[0];
    expect(descriptor.getAttribute("WantAssertionsSigned")).toBe("true");
    expect(descriptor.getAttribute("AuthnRequestsSigned")).toBe("false");
    expect(root.getElementsByTagName("NameIDFormat")[0].textContent).toBe("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
    const acs = root.getElementsByTagName("AssertionConsumerService")[0];
    expect(acs.getAttribute("Binding")).toBe("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
    expect(acs.getAttribute("Location")).toBe(sp.acsUrl);
    expect(spMetadataXml(sp)).toBe(spMetadataXml({ ...sp }));
  });

  it("sends an AuthnRequest by HTTP-Redirect with its ID, Destination, ACS, Issuer and RelayState", async () => {
    const { url, requestId: id } = await samlAuthnRequest(metadata, sp, "flow-7f3a");
    const target = new URL(url);
    expect(`${target.origin}${target.pathname}`).toBe(idp.ssoUrl);
    expect(target.searchParams.get("RelayState")).toBe("flow-7f3a");
    const xml = zlib.inflateRawSync(Buffer.from(target.searchParams.get("SAMLRequest")!, "base64")).toString("utf8");
    const request = new DOMParser().parseFromString(xml, "text/xml").documentElement!;
    expect(request.localName).toBe("AuthnRequest");
    expect(id).toMatch(/^_[0-9a-f]{40}$/);
    expect(request.getAttribute("ID")).toBe(id);
    expect(request.getAttribute("Destination")).toBe(idp.ssoUrl);
    expect(request.getAttribute("AssertionConsumerServiceURL")).toBe(sp.acsUrl);
    expect(request.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Issuer")[0].textContent).toBe(sp.entityId);
    expect((await samlAuthnRequest(metadata, sp, "x")).requestId).not.toBe(id);
  });
});

describe("validating a SAMLResponse", () => {
  it("accepts a signed assertion and reads the profile (email from an attribute when the NameID is persistent)", async () => {
    const profile = await validate(responseWith({ firstName: "Ada", lastName: "Lovelace", assertionId: "_assertion-1" }));
    expect(profile).toMatchObject({ issuer: idp.entityId, subject: "subject-42", email: "ada@acme.example", firstName: "Ada", lastName: "Lovelace", assertionId: "_assertion-1" });
    expect(profile.notOnOrAfter.getTime()).toBeGreaterThan(Date.now());
  });

  it("takes the email from an emailAddress NameID, and gives empty names when absent", async () => {
    const profile = await validate(responseWith({ nameId: "grace@acme.example", email: undefined }));
    expect(profile).toMatchObject({ subject: "grace@acme.example", email: "grace@acme.example", firstName: "", lastName: "" });
  });

  it("accepts a signed Response around a signed assertion", async () => {
    expect(await outcome(responseWith({ signResponse: true }))).toBe("accepted");
  });

  it("refuses an unsigned assertion", async () => {
    expect(await outcome(responseWith({ signAssertion: false }))).toBe("unsigned");
  });

  it("refuses a signed Response whose assertion is unsigned (WantAssertionsSigned)", async () => {
    expect(await outcome(responseWith({ signAssertion: false, signResponse: true }))).toBe("unsigned");
  });

  it("refuses signature wrapping: a second, unsigned assertion injected", async () => {
    expect(await outcome(responseWith({ wrap: true }))).toBe("signature");
  });

  it("refuses signature wrapping: the signed assertion moved into Extensions behind a forged one", async () => {
    const xml = decode(responseWith());
    const signed = xml.match(/<saml:Assertion[\s\S]*<\/saml:Assertion>/)![0];
    const forged = signed
      .replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, "")
      .replace(/ID="[^"]+"/, 'ID="_forged"')
      .replace("subject-42", "victim");
    expect(await outcome(encode(xml.replace(signed, `<samlp:Extensions>${signed}</samlp:Extensions>${forged}`)))).toBe("signature");
  });

  it("refuses an assertion signed by a certificate not in the metadata", async () => {
    expect(await outcome(responseWith({ otherKey: true }))).toBe("signature");
  });

  it("refuses an assertion changed after signing (another NameID)", async () => {
    const tampered = decode(responseWith()).replace(">subject-42</saml:NameID>", ">subject-1</saml:NameID>");
    expect(tampered).toContain(">subject-1</saml:NameID>");
    expect(await outcome(encode(tampered))).toBe("signature");
  });

  it("reads the NameID as signed when a comment splits it (comment truncation, CVE-2017-11428 class)", async () => {
    // The IdP signed "ada@acme.example.evil.example" (for the attacker's account); comments are not
    // covered by exclusive c14n, so one can be slipped in without breaking the signature.
    const xml = decode(responseWith({ nameId: "ada@acme.example.evil.example", email: undefined })).replace(
      ">ada@acme.example.evil.example</saml:NameID>",
      ">ada@acme.example<!---->.evil.example</saml:NameID>",
    );
    expect(xml).toContain("<!---->");
    const profile = await validate(encode(xml));
    expect(profile).toMatchObject({ subject: "ada@acme.example.evil.example", email: "ada@acme.example.evil.example" });
  });

  it("refuses a DOCTYPE in the response", async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE samlp:Response [<!ENTITY name "subject-42">]>${decode(responseWith())}`;
    expect(await outcome(encode(xml))).toBe("doctype");
  });

  it("refuses another audience", async () => {
    expect(await outcome(responseWith({ audience: "https://other-app.example/" }))).toBe("audience");
  });

  it("refuses another Destination", async () => {
    expect(await outcome(responseWith({ destination: "https://other-app.example/acs" }))).toBe("destination");
  });

  it("refuses another Recipient (ACS) in the subject confirmation", async () => {
    expect(await outcome(responseWith({ recipient: "https://other-app.example/acs" }))).toBe("subjectConfirmation");
  });

  it("refuses another issuer", async () => {
    expect(await outcome(responseWith({ issuer: "https://evil.example/" }))).toBe("issuer");
  });

  it("refuses an answer to another request", async () => {
    expect(await outcome(responseWith({ inResponseTo: "_another-request" }))).toBe("inResponseTo");
  });

  it("refuses an assertion for another request even when the unsigned Response claims this one", async () => {
    const xml = decode(responseWith({ inResponseTo: "_another-request" })).replace(/(<samlp:Response[^>]*InResponseTo=")_another-request"/, `$1${requestId}"`);
    expect(xml).toContain(`InResponseTo="${requestId}"`);
    expect(await outcome(encode(xml))).toBe("inResponseTo");
  });

  it("refuses an assertion expired beyond the 2-minute skew (injected clock)", async () => {
    const notOnOrAfter = new Date(Date.now() + 60_000);
    expect(await outcome(responseWith({ notOnOrAfter }), new Date(notOnOrAfter.getTime() + SAML_CLOCK_SKEW_MS + 1000))).toBe("expired");
  });

  it("accepts an assertion expired within the 2-minute skew (injected clock)", async () => {
    const notOnOrAfter = new Date(Date.now() + 60_000);
    expect(await outcome(responseWith({ notOnOrAfter }), new Date(notOnOrAfter.getTime() + SAML_CLOCK_SKEW_MS - 1000))).toBe("accepted");
  });

  it("refuses an assertion expired beyond the skew on the real clock", async () => {
    expect(await outcome(responseWith({ notOnOrAfter: new Date(Date.now() - SAML_CLOCK_SKEW_MS - 60_000) }))).toBe("expired");
  });

  it("refuses an assertion whose NotBefore is in the future", async () => {
    expect(await outcome(responseWith({ notBefore: new Date(Date.now() + 10 * 60_000), notOnOrAfter: new Date(Date.now() + 20 * 60_000) }))).toBe("notYetValid");
  });

  it("refuses a non-Success status, with or without an assertion", async () => {
    const denied = responseWith({ status: "urn:oasis:names:tc:SAML:2.0:status:Responder" });
    expect(await outcome(denied)).toBe("status");
    expect(await outcome(encode(decode(denied).replace(/<saml:Assertion[\s\S]*<\/saml:Assertion>/, "")))).toBe("status");
  });

  it("refuses what is not a SAML response", async () => {
    expect(await outcome("not base64 at all!")).toBe("malformed");
    expect(await outcome(encode("<html><body>hello</body></html>"))).toBe("malformed");
    expect(await outcome(encode(decode(responseWith()).replace(/<saml:Assertion[\s\S]*<\/saml:Assertion>/, "")))).toBe("malformed");
  });
});

describe("the test IdP's sign-in pages", () => {
  /** Browser-like round trip: AuthnRequest → sign-in page → auto-posting form. */
  async function signIn(email: string) {
    const { url, requestId: id } = await samlAuthnRequest(metadata, sp, "flow-1");
    const pageResponse = await fetch(url);
    const page = await pageResponse.text();
    expect(pageResponse.status).toBe(200);
    expect(page).toMatch(/<html lang="en">/);
    expect(page).toMatch(/<title>[^<]+<\/title>/);
    expect(page).toMatch(/<label>Email <input name="email"/);
    expect(page).toContain("<button type=\"submit\">Sign in</button>");
    const key = page.match(/name="request" value="([0-9a-f]+)"/)![1];
    const posted = await fetch(`${idp.ssoUrl}/login`, { method: "POST", body: new URLSearchParams({ request: key, email, firstName: "Ada", lastName: "" }) });
    const form = await posted.text();
    expect(form).toContain(`action="${sp.acsUrl}"`);
    expect(form).toContain("Continue</button>");
    expect(form.match(/name="RelayState" value="([^"]*)"/)![1]).toBe("flow-1");
    const samlResponse = form.match(/name="SAMLResponse" value="([^"]+)"/)![1];
    return validateSamlResponse(samlResponse, { idp: metadata, sp, expectedRequestId: id });
  }

  it("signs in by email with a stable subject, kept across a rename", async () => {
    const first = await signIn("ada@acme.example");
    expect(first).toMatchObject({ email: "ada@acme.example", firstName: "Ada", lastName: "" });
    expect((await signIn("ada@acme.example")).subject).toBe(first.subject);
    expect((await signIn("grace@acme.example")).subject).not.toBe(first.subject);
    idp.rename("ada@acme.example", "ada.lovelace@acme.example");
    const renamed = await signIn("ada.lovelace@acme.example");
    expect(renamed).toMatchObject({ subject: first.subject, email: "ada.lovelace@acme.example" });
  });

  it("serves its metadata", async () => {
    const response = await fetch(idp.entityId);
    expect(await response.text()).toBe(idp.metadataXml);
  });
});

import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/locales";
import { EmailRenderError, renderEmail, type EmailVariables } from "@/lib/mail/render";
import { DEFAULT_TEMPLATES, parseTemplate, TEMPLATE_KINDS, TEMPLATE_VARIABLES } from "@/lib/mail/templates";

const variables: EmailVariables = {
  firstName: "Chloé",
  accountName: "Acme IT",
  inviterName: "Sam Admin",
  invitationUrl: "https://admin.example/invitations/abc123?x=1&y=2",
  expiresAt: new Date("2026-12-01T10:00:00Z"),
  productNames: ["LogMeIn Central", "Remote Support"],
  fileName: "new-hires.csv",
  refusedRows: 1234,
  importUrl: "https://admin.example/people/users/imports/0c4b5d6e",
  resetUrl: "https://admin.example/reset-password/abc123?x=1&y=2",
  signInUrl: "https://admin.example/sign-in",
};

describe.each(LOCALES)("the default templates in %s", (locale) => {
  it.each(TEMPLATE_KINDS)("%s renders both parts with every variable it uses", (kind) => {
    const email = renderEmail({ kind, locale, timeZone: "Europe/Paris", variables });
    expect(email.subject.length).toBeGreaterThan(5);
    expect(email.subject).not.toMatch(/[\r\n{}]/);
    expect(email.html).toContain(`<html lang="${locale}">`);
    expect(email.html).not.toMatch(/\{\{|\}\}/);
    expect(email.text).not.toMatch(/\{\{|\}\}/);
    expect(email.text).toContain("Chloé");
    expect(email.text).toContain("Acme IT");
    if (kind === "welcome" || kind === "transferInvitation") {
      expect(email.text).toContain(variables.invitationUrl);
      expect(email.html).toContain('href="https://admin.example/invitations/abc123?x=1&amp;y=2"');
    } else if (kind === "productChange") {
      expect(email.text).toContain("Remote Support");
    } else if (kind === "passwordReset") {
      expect(email.text).toContain(variables.resetUrl);
      // The reset link is the email's button, as an invitation's link is.
      expect(email.html).toMatch(/<a href="https:\/\/admin\.example\/reset-password\/abc123\?x=1&amp;y=2" style="display:inline-block/);
    } else if (kind === "passwordChanged") {
      expect(email.text).toContain(variables.signInUrl);
    } else if (kind === "twoStepReset") {
      expect(email.text).toContain("Sam Admin");
    } else {
      expect(email.subject).toContain("new-hires.csv");
      expect(email.text).toContain(variables.importUrl);
      expect(email.text).toContain(new Intl.NumberFormat(locale).format(1234)); // in the recipient's digits
    }
  });

  it("uses only allow-listed variables", () => {
    for (const kind of TEMPLATE_KINDS) {
      for (const source of Object.values(DEFAULT_TEMPLATES[locale][kind])) {
        expect(parseTemplate(kind, source).problems).toEqual([]);
      }
    }
  });
});

describe("renderEmail", () => {
  it.each([
    ["welcome", "en", "Accept invitation", variables.invitationUrl],
    ["transferInvitation", "de", "Einladung ansehen", variables.invitationUrl],
    ["passwordReset", "fr", "Réinitialiser le mot de passe", variables.resetUrl],
    ["importRefused", "nl", "Import bekijken", variables.importUrl],
    ["passwordChanged", "pt", "Iniciar sessão", variables.signInUrl],
  ] as const)("gives %s (%s) a button labelled %j, with its link as a fallback line that wraps", (kind, locale, label, url) => {
    const { html } = renderEmail({ kind, locale, timeZone: "UTC", variables });
    const href = url!.replaceAll("&", "&amp;");
    const button = new RegExp(`<a href="${href.replace(/[.?]/g, "\\$&")}" style="display:inline-block[^"]*">([^<]*)</a>`).exec(html);
    expect(button?.[1]).toBe(label);
    // The URL itself is printed once, under the button, as a link that may break anywhere.
    expect(html).toContain(`${DEFAULT_TEMPLATES[locale].layout.linkFallback.replaceAll("'", "&#39;")}<br><a href="${href}"`);
    expect(html).toMatch(new RegExp(`overflow-wrap:anywhere[^"]*">${href.replace(/[.?]/g, "\\$&")}</a>`));
  });

  it.each(TEMPLATE_KINDS)("%s: the email's box and every paragraph may break a word anywhere (issue 20: an account name, a path or a link without break points)", (kind) => {
    const { html } = renderEmail({ kind, locale: "en", timeZone: "UTC", variables: { ...variables, accountName: "C:\\ProgramData\\CentralAdmin\\Deployments" } });
    expect(html).toMatch(/<div role="article"[^>]*style="[^"]*overflow-wrap:anywhere/);
    const paragraphs = html.match(/<p[ >][^>]*>/g)!;
    expect(paragraphs.length).toBeGreaterThan(2);
    for (const paragraph of paragraphs) expect(paragraph).toContain("overflow-wrap:anywhere");
  });

  it("formats the expiry in the recipient's time zone and language", () => {
    const tokyo = renderEmail({ kind: "welcome", locale: "de", timeZone: "Asia/Tokyo", variables });
    expect(tokyo.text).toContain("1. Dezember 2026 um 19:00");
    const lisbon = renderEmail({ kind: "welcome", locale: "pt", timeZone: "Europe/Lisbon", variables });
    expect(lisbon.text).toContain("10:00");
  });

  it("escapes markup in values in the HTML part and keeps it literal in the text part", () => {
    const hostile = { ...variables, firstName: `<script>alert("x")</script>`, accountName: "Tom & Jerry's <b>" };
    const email = renderEmail({ kind: "welcome", locale: "en", timeZone: "UTC", variables: hostile });
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(email.html).toContain("Tom &amp; Jerry&#39;s &lt;b&gt;");
    expect(email.text).toContain(`<script>alert("x")</script>`);
  });

  it("never evaluates template syntax that arrives inside a value", () => {
    const email = renderEmail({ kind: "welcome", locale: "en", timeZone: "UTC", variables: { ...variables, firstName: "{{ invitationUrl }}{% include '/etc/passwd' %}" } });
    expect(email.text).toContain("Hello {{ invitationUrl }}{% include '/etc/passwd' %},");
  });

  it("refuses CR/LF that would reach the subject (header injection)", () => {
    const render = () => renderEmail({ kind: "welcome", locale: "en", timeZone: "UTC", variables: { ...variables, inviterName: "Sam\r\nBcc: victim@example.com" } });
    expect(render).toThrow(new EmailRenderError("headerInjection"));
  });

  it("keeps right-to-left text and emoji intact", () => {
    const email = renderEmail({ kind: "welcome", locale: "en", timeZone: "UTC", variables: { ...variables, firstName: "مرحبا 👩‍💻" } });
    expect(email.text).toContain("مرحبا 👩‍💻");
    expect(email.html).toContain("مرحبا 👩‍💻");
  });

  it("isolates a right-to-left or overriding name so the sentence around it keeps its order", () => {
    const email = renderEmail({ kind: "welcome", locale: "en", timeZone: "UTC", variables: { ...variables, inviterName: "Eve\u202Egnp.exe", accountName: "شركة" } });
    expect(email.subject).toBe("\u2068Eve\u202Egnp.exe\u2069 invited you to \u2068شركة\u2069");
    expect(email.text).toContain("\u2068Eve\u202Egnp.exe\u2069");
    expect(email.html).toContain("\u2068شركة\u2069");
    // Plain names are left as typed.
    expect(renderEmail({ kind: "welcome", locale: "en", timeZone: "UTC", variables }).subject).not.toMatch(/[\u2066-\u2069]/);
  });

  it("refuses very long values and links that are not http(s)", () => {
    expect(() => renderEmail({ kind: "welcome", locale: "en", timeZone: "UTC", variables: { ...variables, firstName: "x".repeat(10_000) } }))
      .toThrow(new EmailRenderError("valueTooLong"));
    expect(() => renderEmail({ kind: "welcome", locale: "en", timeZone: "UTC", variables: { ...variables, invitationUrl: "javascript:alert(1)" } }))
      .toThrow(new EmailRenderError("invalidUrl"));
  });

  it("uses an account's customized template instead of the default", () => {
    const email = renderEmail({
      kind: "welcome", locale: "fr", timeZone: "UTC", variables,
      template: { subject: "Bienvenue chez {{ accountName }}", body: "Bonjour {{firstName}} !\n\n{{ invitationUrl }}" },
    });
    expect(email.subject).toBe("Bienvenue chez Acme IT");
    expect(email.text.startsWith("Bonjour Chloé !")).toBe(true);
  });
});

describe("parseTemplate", () => {
  it("reports every problem: unknown variables, filters, tags and property access", () => {
    const { problems } = parseTemplate("productChange", "{{ invitationUrl }} {{ firstName | upcase }} {% include 'x' %} {{ account.name }} {{ password }}");
    expect(problems).toEqual([
      { code: "unknownVariable", variable: "invitationUrl" },
      { code: "notAllowed", text: "{{ firstName | upcase }}" },
      { code: "notAllowed", text: "{% include 'x' %}" },
      { code: "notAllowed", text: "{{ account.name }}" },
      { code: "unknownVariable", variable: "password" },
    ]);
  });

  it("reports a syntax error with its position", () => {
    expect(parseTemplate("welcome", "Hello\n{{ firstName").problems).toEqual([{ code: "syntax", line: 2, column: 1 }]);
  });

  it("accepts each kind's allow-listed variables", () => {
    for (const kind of TEMPLATE_KINDS) {
      const source = TEMPLATE_VARIABLES[kind].map((v) => `{{ ${v} }}`).join(" ");
      expect(parseTemplate(kind, source).problems).toEqual([]);
    }
  });
});

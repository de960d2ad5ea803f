import { beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "../support/session";
import { twoTestAccounts, type TestAccount } from "../support/accounts";
import { resetEmailTemplateAction, saveEmailTemplateAction } from "@/app/(app)/settings/email-templates/actions";
import { getDb } from "@/lib/db/client";
import { queueEmails } from "@/lib/mail/outbox";
import { listTemplates } from "@/lib/mail/template-admin";
import { DEFAULT_TEMPLATES } from "@/lib/mail/templates";

let acme: TestAccount;
let other: TestAccount;

beforeEach(async () => {
  ({ acme, other } = await twoTestAccounts());
  signInAs(null);
});

const SIGNED_OUT = { ok: false, formError: "Your session has ended. Sign in again." };
const FORBIDDEN = { ok: false, formError: "Your role doesn't allow this." };
const ALREADY_DEFAULT = { ok: false, formError: "This template already uses the default." };

const FR_WELCOME = {
  kind: "welcome",
  locale: "fr",
  subject: "Bienvenue chez {{ accountName }}, {{ firstName }}",
  body: "Bonjour {{ firstName }},\n\nVotre accès est prêt :\n\n{{ invitationUrl }}\n\nÀ bientôt, {{ inviterName }}.",
} as const;

const templatesOf = (account: TestAccount) =>
  getDb().emailTemplate.findMany({ where: { accountId: account.account.id }, orderBy: [{ kind: "asc" }, { locale: "asc" }] });
const templateAudits = (action?: string) =>
  getDb().auditEvent.findMany({
    where: { accountId: { in: [acme.account.id, other.account.id] }, targetType: "emailTemplate", ...(action && { action }) },
    orderBy: { createdAt: "asc" },
  });
const defaultVersion = (kind: "welcome" | "productChange", locale: "fr" | "en") => ({ ...DEFAULT_TEMPLATES[locale][kind], customized: false });

describe("saveEmailTemplateAction", () => {
  it("saves the account's own version, audited with the default it replaces", async () => {
    signInAs(acme.users.ADMIN);
    const result = await saveEmailTemplateAction(undefined, FR_WELCOME);
    expect(result).toEqual({ ok: true, data: { kind: "welcome", locale: "fr", updatedAt: expect.any(Date) } });
    expect(await templatesOf(acme)).toMatchObject([{ kind: "welcome", locale: "fr", subject: FR_WELCOME.subject, body: FR_WELCOME.body, updatedById: acme.users.ADMIN.id }]);
    expect(await templateAudits()).toMatchObject([{
      action: "emailTemplate.save", accountId: acme.account.id, actorId: acme.users.ADMIN.id, targetId: "welcome:fr",
      before: defaultVersion("welcome", "fr"),
      after: { subject: FR_WELCOME.subject, body: FR_WELCOME.body, customized: true },
    }]);
    expect(await templatesOf(other)).toEqual([]);
  });

  it("audits the account's previous version when saving again, and lists who edited it last", async () => {
    signInAs(acme.users.ADMIN);
    await saveEmailTemplateAction(undefined, FR_WELCOME);
    signInAs(acme.users.ACCOUNT_HOLDER);
    expect(await saveEmailTemplateAction(undefined, { ...FR_WELCOME, subject: "Bienvenue, {{ firstName }}" })).toMatchObject({ ok: true });
    const [, second] = await templateAudits("emailTemplate.save");
    expect(second).toMatchObject({
      actorId: acme.users.ACCOUNT_HOLDER.id,
      before: { subject: FR_WELCOME.subject, customized: true },
      after: { subject: "Bienvenue, {{ firstName }}", customized: true },
    });
    const list = await listTemplates(getDb(), acme.account.id);
    // welcome, product change and password reset × 7 languages: a transfer invitation isn't customizable
    expect(list).toHaveLength(21);
    expect(new Set(list.map((t) => t.kind))).toEqual(new Set(["welcome", "productChange", "passwordReset"]));
    expect(list.filter((t) => t.customized)).toEqual([
      { kind: "welcome", locale: "fr", customized: true, updatedAt: expect.any(Date), updatedBy: `ACCOUNT_HOLDER ${acme.users.ACCOUNT_HOLDER.lastName}` },
    ]);
    expect(list.find((t) => t.kind === "welcome" && t.locale === "en")).toEqual({ kind: "welcome", locale: "en", customized: false, updatedAt: null, updatedBy: null });
  });

  it("accepts FormData as the form sends it: CRLF line breaks become LF, the subject is trimmed", async () => {
    signInAs(acme.users.ADMIN);
    const form = new FormData();
    for (const [key, value] of Object.entries({ ...FR_WELCOME, subject: `  ${FR_WELCOME.subject} `, body: FR_WELCOME.body.replaceAll("\n", "\r\n") })) form.set(key, value);
    expect(await saveEmailTemplateAction(undefined, form)).toMatchObject({ ok: true });
    expect(await templatesOf(acme)).toMatchObject([{ subject: FR_WELCOME.subject, body: FR_WELCOME.body }]);
  });

  it.each([
    ["an unknown variable in the body", { body: "Bonjour {{ prenom }} et {{ firstName | upcase }}" }, "body",
      "Not saved: “{{ prenom }}” isn't a variable of this email. Insert one from the list. “{{ firstName | upcase }}” isn't allowed: a template contains only text and variables."],
    ["a tag", { body: "{% include '/etc/passwd' %}" }, "body", "Not saved: “{% include '/etc/passwd' %}” isn't allowed: a template contains only text and variables."],
    ["an unclosed variable in the subject", { subject: "Bienvenue {{ firstName" }, "subject", "Not saved: Syntax error at line 1, column 11: every “{{” needs a matching “}}”."],
    ["a variable another kind has", { kind: "productChange", subject: "{{ invitationUrl }}" }, "subject", "Not saved: “{{ invitationUrl }}” isn't a variable of this email. Insert one from the list."],
  ])("refuses %s at its field and writes nothing", async (_, change, field, message) => {
    signInAs(acme.users.ADMIN);
    expect(await saveEmailTemplateAction(undefined, { ...FR_WELCOME, ...change })).toEqual({ ok: false, fieldErrors: { [field]: [message] } });
    expect(await templatesOf(acme)).toEqual([]);
    expect(await templateAudits()).toEqual([]);
  });

  it("reports the problems in the admin's language, the subject's first when both fields have some", async () => {
    await getDb().user.update({ where: { id: acme.users.ADMIN.id }, data: { locale: "fr" } });
    signInAs(acme.users.ADMIN);
    expect(await saveEmailTemplateAction(undefined, { ...FR_WELCOME, subject: "{{ nom }}", body: "{{ x }}" })).toEqual({
      ok: false, fieldErrors: { subject: ["Non enregistré : « {{ nom }} » n'est pas une variable de cet e-mail. Insérez-en une depuis la liste."] },
    });
    expect(await templatesOf(acme)).toEqual([]);
  });

  it("validates the fields: required, lengths, a one-line subject, a known kind and language", async () => {
    signInAs(acme.users.ADMIN);
    const refuse = (input: Record<string, unknown>) => saveEmailTemplateAction(undefined, { ...FR_WELCOME, ...input });
    expect(await refuse({ subject: "  ", body: "" })).toEqual({ ok: false, fieldErrors: { subject: ["This field is required."], body: ["This field is required."] } });
    expect(await refuse({ subject: "x".repeat(201), body: "x".repeat(20_001) })).toEqual({ ok: false, fieldErrors: { subject: ["This value is too long."], body: ["This value is too long."] } });
    expect(await refuse({ subject: "Hello\r\nBcc: everyone@example.com" })).toEqual({ ok: false, fieldErrors: { subject: ["Keep this on one line: remove the line breaks and tabs."] } });
    expect(await refuse({ kind: "passwordChanged", locale: "xx" })).toEqual({ ok: false, fieldErrors: { kind: ["This value isn't valid."], locale: ["This value isn't valid."] } });
    expect(await templatesOf(acme)).toEqual([]);
    expect(await refuse({ subject: "x".repeat(200), body: "x".repeat(20_000) })).toMatchObject({ ok: true });
  });

  it("is what queueEmails sends from, for that language only; values are still escaped", async () => {
    signInAs(acme.users.ADMIN);
    await saveEmailTemplateAction(undefined, FR_WELCOME);
    const variables = {
      firstName: `<img src=x onerror=alert(1)>`, accountName: "Tom & Jerry", inviterName: "Ada",
      invitationUrl: "https://admin.example/invitations/abc", expiresAt: new Date("2026-12-01T09:00:00Z"),
    };
    const ids = await getDb().$transaction((tx) =>
      queueEmails(tx, acme.account.id, [
        { to: { email: "fr@example.com", locale: "fr", timeZone: "Europe/Paris" }, kind: "welcome", variables },
        { to: { email: "en@example.com", locale: "en", timeZone: "UTC" }, kind: "welcome", variables },
      ]),
    );
    const [fr, en] = await Promise.all(ids.map((id) => getDb().outboxEmail.findUniqueOrThrow({ where: { id } })));
    expect(fr.subject).toBe("Bienvenue chez Tom & Jerry, <img src=x onerror=alert(1)>");
    expect(fr.text).toContain("Votre accès est prêt");
    expect(fr.html).toContain("Bonjour &lt;img src=x onerror=alert(1)&gt;,");
    expect(fr.html).not.toContain("<img");
    expect(en.subject).toBe("Ada invited you to Tom & Jerry");

    // Another account's emails keep the default.
    const [otherId] = await getDb().$transaction((tx) =>
      queueEmails(tx, other.account.id, [{ to: { email: "fr@example.com", locale: "fr", timeZone: "UTC" }, kind: "welcome", variables }]),
    );
    expect((await getDb().outboxEmail.findUniqueOrThrow({ where: { id: otherId } })).subject).toBe("Ada vous invite à rejoindre Tom & Jerry");
  });

  it("keeps the audit's before and after consistent when two admins save at once", async () => {
    signInAs(acme.users.ADMIN);
    const results = await Promise.all(["Un {{ firstName }}", "Deux {{ firstName }}"].map((subject) => saveEmailTemplateAction(undefined, { ...FR_WELCOME, subject })));
    expect(results.every((r) => r.ok)).toBe(true);
    const [first, second] = await templateAudits("emailTemplate.save");
    expect(first.before).toEqual(defaultVersion("welcome", "fr"));
    expect(second.before).toEqual(first.after);
    expect((await templatesOf(acme))[0].subject).toBe((second.after as { subject: string }).subject);
  });

  it("refuses a signed-out caller", async () => {
    expect(await saveEmailTemplateAction(undefined, FR_WELCOME)).toEqual(SIGNED_OUT);
    expect(await templatesOf(acme)).toEqual([]);
  });

  it.each(["SUPPORT_STAFF", "MEMBER"] as const)("refuses %s (too low a role)", async (role) => {
    signInAs(acme.users[role]);
    expect(await saveEmailTemplateAction(undefined, FR_WELCOME)).toEqual(FORBIDDEN);
    expect(await templatesOf(acme)).toEqual([]);
    expect(await templateAudits()).toEqual([]);
  });

  it("saves in the caller's account whatever accountId the request claims", async () => {
    signInAs(other.users.ADMIN);
    expect(await saveEmailTemplateAction(undefined, { ...FR_WELCOME, accountId: acme.account.id })).toMatchObject({ ok: true });
    expect(await templatesOf(acme)).toEqual([]);
    expect(await templatesOf(other)).toMatchObject([{ kind: "welcome", locale: "fr", updatedById: other.users.ADMIN.id }]);
    expect(await templateAudits()).toMatchObject([{ accountId: other.account.id }]);
  });
});

describe("resetEmailTemplateAction", () => {
  beforeEach(async () => {
    signInAs(acme.users.ADMIN);
    expect(await saveEmailTemplateAction(undefined, FR_WELCOME)).toMatchObject({ ok: true });
    signInAs(null);
  });

  it("deletes the account's version, audited from it to the default; emails use the default again", async () => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    expect(await resetEmailTemplateAction(undefined, { kind: "welcome", locale: "fr" })).toEqual({ ok: true, data: { kind: "welcome", locale: "fr" } });
    expect(await templatesOf(acme)).toEqual([]);
    expect(await templateAudits("emailTemplate.reset")).toMatchObject([{
      accountId: acme.account.id, actorId: acme.users.ACCOUNT_HOLDER.id, targetId: "welcome:fr",
      before: { subject: FR_WELCOME.subject, body: FR_WELCOME.body, customized: true },
      after: defaultVersion("welcome", "fr"),
    }]);
    const [id] = await getDb().$transaction((tx) =>
      queueEmails(tx, acme.account.id, [{
        to: { email: "fr@example.com", locale: "fr", timeZone: "UTC" }, kind: "welcome",
        variables: { firstName: "Léa", accountName: "Acme", inviterName: "Ada", invitationUrl: "https://a.example/i", expiresAt: new Date() },
      }]),
    );
    expect((await getDb().outboxEmail.findUniqueOrThrow({ where: { id } })).subject).toBe("Ada vous invite à rejoindre Acme");
  });

  it("refuses a template that already uses the default, and writes nothing", async () => {
    signInAs(acme.users.ADMIN);
    expect(await resetEmailTemplateAction(undefined, { kind: "productChange", locale: "en" })).toEqual(ALREADY_DEFAULT);
    expect(await templateAudits("emailTemplate.reset")).toEqual([]);
  });

  it("reports a malformed kind or language at the field", async () => {
    signInAs(acme.users.ADMIN);
    expect(await resetEmailTemplateAction(undefined, { kind: "../welcome", locale: "fr" })).toEqual({ ok: false, fieldErrors: { kind: ["This value isn't valid."] } });
    expect(await templatesOf(acme)).toHaveLength(1);
  });

  it("refuses a signed-out caller", async () => {
    expect(await resetEmailTemplateAction(undefined, { kind: "welcome", locale: "fr" })).toEqual(SIGNED_OUT);
    expect(await templatesOf(acme)).toHaveLength(1);
  });

  it.each(["SUPPORT_STAFF", "MEMBER"] as const)("refuses %s (too low a role)", async (role) => {
    signInAs(acme.users[role]);
    expect(await resetEmailTemplateAction(undefined, { kind: "welcome", locale: "fr" })).toEqual(FORBIDDEN);
    expect(await templatesOf(acme)).toHaveLength(1);
    expect(await templateAudits("emailTemplate.reset")).toEqual([]);
  });

  it("never resets another account's template, whatever accountId the request claims", async () => {
    signInAs(other.users.ADMIN);
    expect(await resetEmailTemplateAction(undefined, { kind: "welcome", locale: "fr", accountId: acme.account.id })).toEqual(ALREADY_DEFAULT);
    expect(await templatesOf(acme)).toHaveLength(1);
    expect(await templateAudits("emailTemplate.reset")).toEqual([]);
  });
});

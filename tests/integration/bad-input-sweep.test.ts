// PRODUCT.md "Bad input": every server action that takes text, given each hostile string in each
// text field, either stores exactly what was meant or answers with a localized field or form
// message, never "Something went wrong", and a refusal leaves the database as it was.
import crypto from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import "../support/sign-in";
import { signInAs } from "../support/session";
import { followed } from "../support/redirects";
import { TEST_PASSWORD, twoTestAccounts, type TestAccount } from "../support/accounts";
import { importForm, uploadedImportId } from "../support/imports";
import { invite, invitedUser } from "../support/invitations";
import { authenticate } from "@/lib/auth/authenticate";
import { hashToken, newToken } from "@/lib/invitations/tokens";
import { getDb } from "@/lib/db/client";
import { reflectImport } from "@/lib/imports/reflect";
import { parseUserListParams } from "@/lib/users/list-params";
import { userKeys } from "@/lib/users/search-key";

const { updateMyLanguageAction } = await import("@/app/(app)/actions");
const { signInAction, setLocaleCookieAction } = await import("@/app/sign-in/actions");
const { addUsersAction } = await import("@/app/(app)/people/users/new/actions");
const { updateUserProfileAction, updateCapabilitiesAction, resendInvitationAction } = await import("@/app/(app)/people/users/[id]/actions");
const { bulkSuspendAction, addProductsAction } = await import("@/app/(app)/people/users/actions");
const { createGroupAction, renameGroupAction, deleteGroupAction } = await import("@/app/(app)/people/groups/actions");
const { saveEmailTemplateAction } = await import("@/app/(app)/settings/email-templates/actions");
const { retryEmailAction } = await import("@/app/(app)/settings/outbox/actions");
const { uploadImportAction, commitImportAction, cancelImportAction } = await import("@/app/(app)/people/users/imports/actions");
const { acceptWelcomeInvitationAction, acceptTransferInvitationAction, declineInvitationAction } = await import("@/app/invitations/[token]/actions");
const { requestPasswordResetAction } = await import("@/app/forgot-password/actions");
const { resetPasswordAction } = await import("@/app/reset-password/[token]/actions");
const { passkeyOptionsAction, passkeyRenameAction } = await import("@/app/(app)/profile/security/passkey-actions");
const sso = await import("@/app/(app)/settings/single-sign-on/actions");
const { continueWithSsoAction, ssoLookupAction } = await import("@/app/sign-in/actions");
const { ssoTestProviders } = await import("../support/sso");

const ONE_LINE = "Keep this on one line: remove the line breaks and tabs.";
const CONTROL = "Remove the invisible control characters from this text.";
const BROKEN = "This text has a broken character that can't be saved. Type it again.";
const TOO_LONG = "This value is too long.";
const INVALID = "This value isn't valid.";
const EMAIL = "Enter a valid email address, such as name@example.com.";
const UNEXPECTED = "Something went wrong and nothing was changed. Try again.";
const UNREADABLE = "This file can't be read as text. Save it from your spreadsheet as CSV (UTF-8) and try again.";

type Outcome = { stored: string } | { refused: string };
const kept = (value: string): Outcome => ({ stored: value });
const refused = (message: string): Outcome => ({ refused: message });

interface Case {
  label: string;
  value: string;
  /** In a one-line field (a name, a group, a subject): trimmed. */
  line: Outcome;
  /** Inside a multi-line field (an email body): line breaks kept, CRLF stored as LF. */
  lines: Outcome;
  /** In a new password: never trimmed, one line. */
  password: Outcome;
}

const same = (label: string, value: string): Case => ({ label, value, line: kept(value), lines: kept(value), password: kept(value) });

const CASES: Case[] = [
  same("script markup", "<script>alert(1)</script>"),
  same("attribute-breaking markup", '"><img src=x onerror=alert(1)>'),
  same("SQL drop", `'; DROP TABLE "User"; --`),
  same("SQL or", "' OR 1=1 --"),
  { label: "CR/LF", value: "Ann\r\nBcc: x@evil.example", line: refused(ONE_LINE), lines: kept("Ann\nBcc: x@evil.example"), password: refused(ONE_LINE) },
  { label: "LF", value: "Ann\nMarie", line: refused(ONE_LINE), lines: kept("Ann\nMarie"), password: refused(ONE_LINE) },
  { label: "tab", value: "Ann\tMarie", line: refused(ONE_LINE), lines: kept("Ann\tMarie"), password: refused(ONE_LINE) },
  { label: "NUL", value: "Ann\u0000Marie", line: refused(CONTROL), lines: refused(CONTROL), password: refused(CONTROL) },
  { label: "C1 control (NEL)", value: "Ann\u0085Marie", line: refused(CONTROL), lines: refused(CONTROL), password: refused(CONTROL) },
  { label: "10,000 characters", value: "x".repeat(10_000), line: refused(TOO_LONG), lines: kept("x".repeat(10_000)), password: refused(TOO_LONG) },
  { label: "lone high surrogate", value: "Ann\uD800", line: refused(BROKEN), lines: refused(BROKEN), password: refused(BROKEN) },
  { label: "lone low surrogate", value: "\uDC00Ann", line: refused(BROKEN), lines: refused(BROKEN), password: refused(BROKEN) },
  same("Arabic", "مريم حداد"),
  same("Hebrew", "שרה כהן"),
  same("right-to-left override", "\u202Egnp.exe"),
  same("emoji with ZWJ", "👩‍💻 Dev 🚀"),
  same("family emoji", "👨‍👩‍👧‍👦"),
  { label: "surrounding spaces", value: "  Ann Lee  ", line: kept("Ann Lee"), lines: kept("  Ann Lee  "), password: kept("  Ann Lee  ") },
  same("formula =", '=HYPERLINK("http://evil.example","x")'),
  same("formula +", "+SUM(1,2)"),
  same("formula -", "-2+3"),
  same("formula @", "@SUM(A1)"),
];

let acme: TestAccount;
let other: TestAccount;

beforeAll(async () => {
  ({ acme, other } = await twoTestAccounts());
});

beforeEach(() => signInAs(acme.users.ADMIN));

const tag = () => crypto.randomBytes(4).toString("hex");

/** Every row an action of these could write for either account (counts where rows are many and alike). */
async function snapshot() {
  const db = getDb();
  const where = { accountId: { in: [acme.account.id, other.account.id] } };
  const byId = { orderBy: { id: "asc" as const } };
  return Promise.all([
    db.user.findMany({ where, ...byId }),
    db.userGroup.findMany({ where, ...byId }),
    db.emailTemplate.findMany({ where, ...byId }),
    db.invitation.findMany({ where, ...byId }),
    db.importBatch.findMany({ where, ...byId }),
    db.outboxEmail.count({ where }),
    db.auditEvent.count({ where }),
    db.licenceAssignment.count({ where }),
  ]);
}

/** Refused: exactly this message at this field, nothing written. */
async function expectRefused(call: () => Promise<unknown>, field: string, message: string, extra: object = {}) {
  const before = await snapshot();
  const result = await followed(call());
  expect(result).toEqual({ ok: false, fieldErrors: { [field]: [message] }, ...extra });
  expect(await snapshot()).toEqual(before);
}

/** Never an exception and never the "something went wrong" answer: ok, a redirect, or a localized refusal. */
function expectHandled(result: unknown) {
  expect(result).toBeTypeOf("object");
  expect(JSON.stringify(result)).not.toContain(UNEXPECTED);
  const r = result as { ok?: boolean; redirectedTo?: string; formError?: string; fieldErrors?: object };
  if (r.redirectedTo === undefined && !r.ok) expect(r.formError ?? r.fieldErrors).toBeTruthy();
}

const userOf = (id: string) => getDb().user.findUniqueOrThrow({ where: { id } });
const lastAudit = (action: string) => getDb().auditEvent.findFirstOrThrow({ where: { accountId: acme.account.id, action }, orderBy: { createdAt: "desc" } });

/** Adds one user through the Add user form's fields. */
const addUser = (row: { firstName: string; lastName?: string; email: string }, extra: Record<string, unknown> = {}) =>
  addUsersAction(undefined, { rows: [{ lastName: "", ...row }], timeZone: "Europe/Paris", groupId: "none", locale: "fr", role: "MEMBER", products: [], ...extra });

describe.each(["firstName", "lastName"] as const)("Add user: %s", (field) => {
  it.each(CASES)("$label", async ({ value, line }) => {
    const email = `add-${tag()}@bad-input.example`;
    const row = { firstName: "Ann", lastName: "", email, [field]: value };
    if ("refused" in line) return expectRefused(() => addUser(row), `rows.0.${field}`, line.refused);
    expect(await addUser(row)).toMatchObject({ ok: true, data: { created: 1 } });
    const user = await getDb().user.findUniqueOrThrow({ where: { email } });
    expect(user[field]).toBe(line.stored);
    expect({ nameKey: user.nameKey, searchText: user.searchText }).toEqual(userKeys(user));
    expect(((await lastAudit("user.create")).after as Record<string, string>)[field]).toBe(line.stored);
  });
});

describe("Add user: email", () => {
  it.each(CASES)("$label", async ({ value }) => {
    await expectRefused(() => addUser({ firstName: "Ann", email: value }), "rows.0.email", value.length > 254 ? TOO_LONG : EMAIL);
  });
});

describe("Add user: the customized welcome email's subject and body", () => {
  const BODY = "Bonjour {{ firstName }},\n\n{{ invitationUrl }}";
  it.each(CASES)("$label", async ({ value, line, lines }) => {
    // The subject isn't trimmed here (it is checked whole), so a padded one is kept as typed.
    const subject = "refused" in line && line.refused !== TOO_LONG ? line : value.length > 200 ? refused(TOO_LONG) : kept(value);
    const body = "refused" in lines ? lines : kept(`${BODY}\n\n${value}`);
    const sends = [
      { field: "customSubject", outcome: subject, customSubject: value, customBody: BODY },
      { field: "customBody", outcome: body, customSubject: "Bienvenue", customBody: `${BODY}\n\n${value}` },
    ];
    for (const { field, outcome, ...custom } of sends) {
      const call = () => addUser({ firstName: "Ann", email: `custom-${tag()}@bad-input.example` }, custom);
      if ("refused" in outcome) await expectRefused(call, field, outcome.refused);
      else expect(await call()).toMatchObject({ ok: true, data: { created: 1 } });
    }
  });
});

describe.each(["firstName", "lastName"] as const)("User profile edit: %s", (field) => {
  it.each(CASES)("$label", async ({ value, line }) => {
    const id = acme.users.MEMBER.id;
    const input = { id, firstName: "Zoë", lastName: "Ørsted", locale: "fr", timeZone: "Europe/Paris", groupId: "none", role: "MEMBER", [field]: value };
    if ("refused" in line) return expectRefused(() => updateUserProfileAction(undefined, input), field, line.refused);
    expectHandled(await updateUserProfileAction(undefined, input));
    const user = await userOf(id);
    expect(user[field]).toBe(line.stored);
    expect({ nameKey: user.nameKey, searchText: user.searchText }).toEqual(userKeys(user));
  });
});

describe("Groups: create and rename", () => {
  it.each(CASES)("$label", async ({ value, line }) => {
    const group = await getDb().userGroup.create({ data: { accountId: acme.account.id, name: `Rename me ${tag()}` } });
    if ("refused" in line) {
      await expectRefused(() => createGroupAction(undefined, { name: value }), "name", line.refused);
      await expectRefused(() => renameGroupAction(undefined, { id: group.id, name: value }), "name", line.refused);
    } else {
      const created = await createGroupAction(undefined, { name: value });
      expect(created).toEqual({ ok: true, data: { id: expect.any(String), name: line.stored } });
      expect((await getDb().userGroup.findUniqueOrThrow({ where: { id: (created as { data: { id: string } }).data.id } })).name).toBe(line.stored);
      expect(await deleteGroupAction(undefined, { id: (created as { data: { id: string } }).data.id })).toMatchObject({ ok: true });
      expect(await renameGroupAction(undefined, { id: group.id, name: value })).toEqual({ ok: true, data: { id: group.id, name: line.stored } });
      expect((await getDb().userGroup.findUniqueOrThrow({ where: { id: group.id } })).name).toBe(line.stored);
    }
    await getDb().userGroup.delete({ where: { id: group.id } });
  });
});

describe("Passkeys: name (add, rename)", () => {
  it.each(CASES)("$label", async ({ value, line }) => {
    const passkey = await getDb().passkey.create({
      data: { userId: acme.users.ADMIN.id, credentialId: crypto.randomBytes(16).toString("base64url"), publicKey: crypto.randomBytes(77), name: "Laptop" },
    });
    const stored = async () => (await getDb().passkey.findUniqueOrThrow({ where: { id: passkey.id } })).name;
    if ("refused" in line) {
      // Checked before the browser is asked for a passkey, and again on rename.
      await expectRefused(() => passkeyOptionsAction(undefined, { name: value }), "name", line.refused);
      await expectRefused(() => passkeyRenameAction(undefined, { id: passkey.id, name: value }), "name", line.refused);
      expect(await stored()).toBe("Laptop");
    } else {
      expect(await passkeyOptionsAction(undefined, { name: value })).toMatchObject({ ok: true });
      expect(await passkeyRenameAction(undefined, { id: passkey.id, name: value })).toEqual({ ok: true, data: { id: passkey.id, name: line.stored } });
      expect(await stored()).toBe(line.stored);
      expect((await lastAudit("twoStep.passkeyRename")).after).toEqual({ passkeyId: passkey.id, name: line.stored });
    }
    await getDb().passkey.delete({ where: { id: passkey.id } });
  });
});

describe("Email templates: save", () => {
  const BODY = "Bonjour {{ firstName }},\n\n{{ invitationUrl }}";
  const stored = () => getDb().emailTemplate.findFirstOrThrow({ where: { accountId: acme.account.id, kind: "welcome", locale: "fr" } });
  it.each(CASES)("subject: $label", async ({ value, line }) => {
    const input = { kind: "welcome", locale: "fr", subject: value, body: BODY };
    if ("refused" in line) return expectRefused(() => saveEmailTemplateAction(undefined, input), "subject", line.refused);
    expect(await saveEmailTemplateAction(undefined, input)).toMatchObject({ ok: true });
    expect(await stored()).toMatchObject({ subject: line.stored, body: BODY });
  });
  it.each(CASES)("body: $label", async ({ value, lines }) => {
    const body = (text: string) => `Bonjour {{ firstName }},\n\n${text}\n\n{{ invitationUrl }}`;
    const input = { kind: "welcome", locale: "fr", subject: "Bienvenue", body: body(value) };
    if ("refused" in lines) return expectRefused(() => saveEmailTemplateAction(undefined, input), "body", lines.refused);
    expect(await saveEmailTemplateAction(undefined, input)).toMatchObject({ ok: true });
    expect(await stored()).toMatchObject({ subject: "Bienvenue", body: body(lines.stored) });
  });
});

/** An invited user of Acme and the token of their welcome invitation. */
async function invitedToAcme() {
  const user = await invitedUser(acme);
  return { user, token: await invite(acme, user.id) };
}

describe("Invitation: accepting a welcome", () => {
  const PASSWORD = "a brand new passphrase";
  describe.each(["firstName", "lastName"] as const)("%s", (field) => {
    it.each(CASES)("$label", async ({ value, line }) => {
      const { user, token } = await invitedToAcme();
      const input = { token, firstName: "Noor", lastName: "Haddad", password: PASSWORD, confirmPassword: PASSWORD, [field]: value };
      if ("refused" in line) return expectRefused(() => acceptWelcomeInvitationAction(undefined, input), field, line.refused);
      expect(await followed(acceptWelcomeInvitationAction(undefined, input))).toEqual({ redirectedTo: "/" });
      expect(await userOf(user.id)).toMatchObject({ status: "ACTIVE", [field]: line.stored });
    });
  });

  it.each(CASES)("password: $label", async ({ value, password }) => {
    const { user, token } = await invitedToAcme();
    const typed = `correct-horse-${value}`;
    const input = { token, firstName: "Noor", lastName: "", password: typed, confirmPassword: typed };
    if ("refused" in password) return expectRefused(() => acceptWelcomeInvitationAction(undefined, input), "password", password.refused);
    expect(await followed(acceptWelcomeInvitationAction(undefined, input))).toEqual({ redirectedTo: "/" });
    // Exactly what was typed signs in, and nothing else does (a trimmed copy, say).
    expect(await authenticate(getDb(), user.email, `correct-horse-${password.stored}`)).toMatchObject({ id: user.id });
    if (password.stored.trim() !== password.stored) expect(await authenticate(getDb(), user.email, typed.trim())).toBeNull();
  });
});

describe("Sign in", () => {
  // Every hostile password is a failed sign-in: lift the limit on failures (tests/integration/rate-limits.test.ts covers it).
  beforeAll(() => {
    process.env.SIGN_IN_FAILURES_PER_EMAIL = "100000";
    process.env.SIGN_IN_FAILURES_PER_IP = "100000";
  });

  it.each(CASES)("email: $label", async ({ value }) => {
    // The form is shown again with what was typed (up to 1,000 characters).
    const echoed = value.length <= 1000 ? { values: { email: value } } : {};
    await expectRefused(() => signInAction(undefined, { email: value, password: TEST_PASSWORD }), "email", value.length > 254 ? TOO_LONG : EMAIL, echoed);
  });

  it.each(CASES)("password: $label", async ({ value }) => {
    const before = await snapshot();
    const result = await followed(signInAction(undefined, { email: acme.users.ADMIN.email, password: value }));
    if (value.length > 1024) {
      expect(result).toEqual({ ok: false, fieldErrors: { password: [TOO_LONG] }, values: { email: acme.users.ADMIN.email } });
      expect(await snapshot()).toEqual(before);
      return;
    }
    expect(result).toEqual({ ok: false, formError: "The email or password is incorrect.", values: { email: acme.users.ADMIN.email } });
    // Nothing changed but the failure's audit event, which holds the address and the reason, never the password.
    const failure = await lastAudit("auth.signInFailed");
    expect(failure).toMatchObject({ actorId: null, targetId: acme.users.ADMIN.id, before: null, after: { ip: "unknown", reason: "password" } });
    expect(Object.keys(failure.after as object).sort()).toEqual(["ip", "reason"]);
    await getDb().auditEvent.delete({ where: { id: failure.id } });
    expect(await snapshot()).toEqual(before);
  });
});

describe("Password reset", () => {
  it.each(CASES)("forgot password, email: $label", async ({ value }) => {
    await expectRefused(() => requestPasswordResetAction(undefined, { email: value }), "email", value.length > 254 ? TOO_LONG : EMAIL);
  });

  it.each(CASES)("new password: $label", async ({ value, password }) => {
    const user = acme.users.SUPPORT_STAFF;
    const token = newToken();
    await getDb().passwordReset.create({ data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 60_000) } });
    const typed = `correct-horse-${value}`;
    const input = { token, password: typed, confirmPassword: typed };
    if ("refused" in password) return expectRefused(() => resetPasswordAction(undefined, input), "password", password.refused);
    expect(await followed(resetPasswordAction(undefined, input))).toEqual({ redirectedTo: "/sign-in?notice=passwordChanged" });
    // Exactly what was typed signs in, and nothing else does (a trimmed copy, say).
    expect(await authenticate(getDb(), user.email, typed)).toMatchObject({ id: user.id });
    if (typed.trim() !== typed) expect(await authenticate(getDb(), user.email, typed.trim())).toBeNull();
  });
});

describe("Settings › Single sign-on and the sign-in page's single sign-on (the account holder's text fields)", () => {
  beforeEach(() => signInAs(acme.users.ACCOUNT_HOLDER));
  const connection = () => getDb().ssoConnection.findUnique({ where: { accountId: acme.account.id } });

  it.each(["clientId", "scopes"] as const)("OpenID Connect %s: stored as meant after discovery, or refused at the field", async (field) => {
    const { oidc } = await ssoTestProviders();
    for (const { label, value, line } of CASES) {
      const given = { issuer: oidc.issuer, clientId: "central-admin", clientSecret: "a client secret", scopes: "openid email", [field]: field === "scopes" ? `openid ${value}` : value };
      const result = await followed(sso.saveOidcConnectionAction(undefined, given));
      expectHandled(result);
      const stored = await connection();
      if ((result as { ok?: boolean }).ok) {
        const expected = field === "scopes" ? `openid ${value}`.trim().split(/\s+/).join(" ") : "stored" in line ? line.stored : "";
        expect(field === "scopes" ? stored?.oidcScopes : stored?.oidcClientId, label).toBe(expected);
      } else {
        expect(Object.keys((result as { fieldErrors?: object }).fieldErrors ?? {}), label).toEqual([field]);
      }
    }
  });

  it("issuer, domain, metadata and the sign-in page's email: hostile text is refused at its field, nothing stored", async () => {
    const before = { connection: await connection(), domains: await getDb().ssoDomain.count({ where: { accountId: acme.account.id } }) };
    for (const { label, value } of CASES) {
      const issuer = await followed(sso.saveOidcConnectionAction(undefined, { issuer: value, clientId: "x", clientSecret: "y" }));
      expect(Object.keys((issuer as { fieldErrors?: object }).fieldErrors ?? {}), label).toEqual(["issuer"]);
      const domain = await followed(sso.addSsoDomainAction(undefined, { domain: value }));
      expect(Object.keys((domain as { fieldErrors?: object }).fieldErrors ?? {}), label).toEqual(["domain"]);
      const metadata = await followed(sso.saveSamlConnectionAction(undefined, { metadata: value }));
      expect(Object.keys((metadata as { fieldErrors?: object }).fieldErrors ?? {}), label).toEqual(["metadata"]);
      expectHandled(await followed(continueWithSsoAction(undefined, { email: value })));
      expectHandled(await followed(ssoLookupAction(undefined, { email: value })));
      expectHandled(await followed(sso.verifySsoDomainAction(undefined, { id: value })));
    }
    expect({ connection: await connection(), domains: await getDb().ssoDomain.count({ where: { accountId: acme.account.id } }) }).toEqual(before);
  });
});

describe("Fields that are a choice or an id: any hostile text is refused at the field", () => {
  const TIME_ZONE = "Choose a time zone from the list.";
  const member = () => acme.users.MEMBER.id;
  const profile = (extra: object) => ({ id: member(), firstName: "Zoë", lastName: "", locale: "fr", timeZone: "UTC", groupId: "none", role: "MEMBER", ...extra });
  const fields: [string, string, string, (value: string) => Promise<unknown>][] = [
    ["Add user", "locale", INVALID, (v) => addUser({ firstName: "Ann", email: `c-${tag()}@bad-input.example` }, { locale: v })],
    ["Add user", "timeZone", TIME_ZONE, (v) => addUser({ firstName: "Ann", email: `c-${tag()}@bad-input.example` }, { timeZone: v })],
    ["Add user", "role", INVALID, (v) => addUser({ firstName: "Ann", email: `c-${tag()}@bad-input.example` }, { role: v })],
    ["Add user", "groupId", INVALID, (v) => addUser({ firstName: "Ann", email: `c-${tag()}@bad-input.example` }, { groupId: v })],
    ["Add user", "products.0", INVALID, (v) => addUser({ firstName: "Ann", email: `c-${tag()}@bad-input.example` }, { products: [v] })],
    ["Profile edit", "locale", INVALID, (v) => updateUserProfileAction(undefined, profile({ locale: v }))],
    ["Profile edit", "timeZone", TIME_ZONE, (v) => updateUserProfileAction(undefined, profile({ timeZone: v }))],
    ["Profile edit", "role", INVALID, (v) => updateUserProfileAction(undefined, profile({ role: v }))],
    ["Profile edit", "groupId", INVALID, (v) => updateUserProfileAction(undefined, profile({ groupId: v }))],
    ["Profile edit", "id", INVALID, (v) => updateUserProfileAction(undefined, profile({ id: v }))],
    ["My language", "locale", INVALID, (v) => updateMyLanguageAction(undefined, { locale: v })],
    ["Sign-in page language", "locale", INVALID, (v) => setLocaleCookieAction(undefined, { locale: v })],
    ["Group rename", "id", INVALID, (v) => renameGroupAction(undefined, { id: v, name: "Ok" })],
    ["Group delete", "id", INVALID, (v) => deleteGroupAction(undefined, { id: v })],
    ["Email template", "kind", INVALID, (v) => saveEmailTemplateAction(undefined, { kind: v, locale: "fr", subject: "Hi", body: "Hi {{ firstName }}" })],
    ["Email template", "locale", INVALID, (v) => saveEmailTemplateAction(undefined, { kind: "welcome", locale: v, subject: "Hi", body: "Hi {{ firstName }}" })],
    ["Capabilities", "id", INVALID, (v) => updateCapabilitiesAction(undefined, { id: v })],
    ["Resend invitation", "userId", INVALID, (v) => resendInvitationAction(undefined, { userId: v })],
    ["Retry email", "id", INVALID, (v) => retryEmailAction(undefined, { id: v })],
    ["Import commit", "id", INVALID, (v) => commitImportAction(undefined, { id: v })],
    ["Import cancel", "id", INVALID, (v) => cancelImportAction(undefined, { id: v })],
    ["Decline invitation", "token", INVALID, (v) => declineInvitationAction(undefined, { token: v })],
    ["Accept transfer", "token", INVALID, (v) => acceptTransferInvitationAction(undefined, { token: v })],
    ["Reset password", "token", INVALID, (v) => resetPasswordAction(undefined, { token: v, password: "a brand new passphrase", confirmPassword: "a brand new passphrase" })],
    ["Import upload", "locale", INVALID, (v) => uploadImportAction(undefined, importForm("First name,Email\nAnn,ann@bad-input.example\n", { ...IMPORT_SETTINGS, locale: v }))],
  ];

  it.each(fields)("%s: %s", async (_form, field, message, call) => {
    for (const { value } of CASES) await expectRefused(() => call(value), field, message);
  });

  it("a bulk action's search filter: hostile text matches nobody, or is refused at the field; never a crash", async () => {
    signInAs(other.users.ADMIN); // Other's users have plain names (Acme's now have the hostile ones, rightly found)
    for (const { value, line } of CASES) {
      const before = await snapshot();
      const selection = { mode: "matching", filters: { q: value } };
      for (const action of [bulkSuspendAction, addProductsAction]) {
        const result = await action(undefined, { selection, expectedCount: 1, productCode: "central" });
        if ("refused" in line) expect(result, value).toEqual({ ok: false, fieldErrors: { "selection.filters.q": [line.refused] } });
        else expect(result, value).toEqual({ ok: false, formError: "The selection changed: 0 users match now instead of 1. Review it and try again." });
      }
      expect(await snapshot()).toEqual(before);
    }
  });

  it("the users list's URL: a search it can't use is dropped, the list still shows", () => {
    for (const { value, line } of CASES) {
      expect(parseUserListParams({ q: value }).q, value).toBe("refused" in line ? undefined : line.stored);
    }
  });
});

const IMPORT_SETTINGS = { timeZone: "UTC", groupId: "none", locale: "en", role: "MEMBER" };

const csvCell = (value: string) => `"${value.replaceAll('"', '""')}"`;

describe("CSV import", () => {
  beforeEach(() => {
    process.env.IMPORT_REFLECTION_DELAY = "0s";
  });

  it("hostile cells: each row is refused at its cell or imported exactly as written (trimmed), and only at commit", async () => {
    // A file can't carry a lone surrogate (UTF-8 has no bytes for one) nor a NUL (the file is refused: next test).
    const cases = CASES.filter((c) => !/NUL|surrogate/.test(c.label));
    const emails = cases.map(() => `csv-${tag()}@bad-input.example`);
    // The same text as the last name too, but for the one too long for both.
    const lastNameOf = (c: Case) => (c.value.length > 50 ? "Lee" : c.value);
    const csv = ["First name,Last name,Email", ...cases.map((c, i) => [csvCell(c.value), csvCell(lastNameOf(c)), emails[i]].join(","))].join("\r\n");
    const before = await getDb().user.count({ where: { accountId: acme.account.id } });
    const uploaded = await followed(uploadImportAction(undefined, importForm(csv, IMPORT_SETTINGS)));
    expect(uploaded).toEqual({ redirectedTo: expect.stringMatching(/^\/people\/users\/imports\/[0-9a-f-]{36}$/) });
    const id = uploadedImportId(uploaded);
    const rows = await getDb().importRow.findMany({ where: { batchId: id }, orderBy: { rowNumber: "asc" } });
    expect(rows.map((r) => r.problems)).toEqual(
      cases.map(({ line }) => {
        if (!("refused" in line)) return null;
        if (line.refused === TOO_LONG) return [{ column: "firstName", code: "tooLong" }];
        return [{ column: "firstName", code: "invalid" }, { column: "lastName", code: "invalid" }];
      }),
    );
    expect(await getDb().user.count({ where: { accountId: acme.account.id } })).toBe(before); // a draft imports nobody

    expect(await followed(commitImportAction(undefined, { id }))).toEqual({ redirectedTo: `/people/users/imports/${id}?done=confirmed` });
    await reflectImport(getDb(), id);
    for (const [i, c] of cases.entries()) {
      const user = await getDb().user.findUnique({ where: { email: emails[i] } });
      if ("refused" in c.line) expect(user, c.value).toBeNull();
      else expect(user, c.value).toMatchObject({ accountId: acme.account.id, firstName: c.line.stored, lastName: lastNameOf(c).trim() });
    }
  });

  it.each([
    ["a NUL byte in a cell", Buffer.concat([Buffer.from("First name,Email\nAnn"), Buffer.from([0]), Buffer.from(",ann@bad-input.example\n")])],
    ["UTF-8 names with a damaged byte (0xC3 0x28)", Buffer.concat([Buffer.from("First name,Email\nZoé,zoe@bad-input.example\nRené"), Buffer.from([0xc3, 0x28]), Buffer.from(",rene@bad-input.example\n")])],
    ["a UTF-8 BOM, then bytes that aren't UTF-8", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("First name,Email\nRen"), Buffer.from([0xe9]), Buffer.from(",rene@bad-input.example\n")])],
  ])("%s: the file is refused at its field and nothing is stored", async (_label, bytes) => {
    await expectRefused(() => uploadImportAction(undefined, importForm(new Uint8Array(bytes), IMPORT_SETTINGS)), "file", UNREADABLE);
  });

  it("a file that isn't UTF-8 at all is read as Windows-1252 (0xC3 is Ã there), shown in the report before anything is imported", async () => {
    const email = `ansi-${tag()}@bad-input.example`;
    const bytes = Buffer.concat([Buffer.from("First name,Email\nAnn"), Buffer.from([0xc3, 0x28]), Buffer.from(`,${email}\n`)]);
    const uploaded = await followed(uploadImportAction(undefined, importForm(new Uint8Array(bytes), IMPORT_SETTINGS)));
    const id = uploadedImportId(uploaded);
    const [row] = await getDb().importRow.findMany({ where: { batchId: id } });
    expect(row.cells).toMatchObject({ firstName: "AnnÃ(", email });
    await followed(cancelImportAction(undefined, { id }));
  });

  it.each([
    ["control characters and line breaks", "a\u0000b\r\n<script>.csv", "a b  <script>.csv"],
    ["a lone surrogate", "\uD800x.csv", "\uFFFDx.csv"],
    ["markup, RTL and emoji", "<img src=x onerror=alert(1)> مريم 👩‍💻.csv", "<img src=x onerror=alert(1)> مريم 👩‍💻.csv"],
  ])("a file name with %s is kept as it can be stored", async (_label, fileName, stored) => {
    const uploaded = await followed(uploadImportAction(undefined, importForm(`First name,Email\nAnn,name-${tag()}@bad-input.example\n`, IMPORT_SETTINGS, fileName)));
    expectHandled(uploaded);
    const id = uploadedImportId(uploaded);
    expect((await getDb().importBatch.findUniqueOrThrow({ where: { id } })).fileName).toBe(stored);
    await followed(cancelImportAction(undefined, { id }));
  });
});

// The security review's first finding, and its neighbours: another account's admin must not be
// able to take over, enumerate or pester the users of an account through transfer invitations.
// (Review items 1, 8 and 9; decision 0009.)
import crypto from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { signInAs } from "../support/session";
import { followed } from "../support/redirects";
import { importForm, uploadedImportId } from "../support/imports";
import { createTestAccount, TEST_PASSWORD, twoTestAccounts, type TestAccount } from "../support/accounts";
import { invitedUser } from "../support/invitations";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";
import { addUsersAction } from "@/app/(app)/people/users/new/actions";
import { uploadImportAction } from "@/app/(app)/people/users/imports/actions";
import { saveEmailTemplateAction } from "@/app/(app)/settings/email-templates/actions";
import { acceptTransferInvitationAction, acceptWelcomeInvitationAction, declineInvitationAction } from "@/app/invitations/[token]/actions";
import { getDb } from "@/lib/db/client";
import { viewInvitation } from "@/lib/invitations/respond";
import { hashToken, LINK_TOKEN_PLACEHOLDER } from "@/lib/invitations/tokens";
import { deliverEmail } from "@/lib/mail/deliver";
import { findOutboxEmail, listOutbox } from "@/lib/mail/outbox";
import { DEFAULT_TEMPLATES } from "@/lib/mail/templates";
import { createMailTransport } from "@/lib/mail/transport";

vi.mock("@/lib/auth/config", () => ({ signIn: vi.fn(async () => undefined) }));

// Acme is the victim's account (A); Other is the account whose admin attacks (B).
let acme: TestAccount;
let other: TestAccount;
let smtp: TestSmtpServer | undefined;

beforeEach(async () => {
  ({ acme, other } = await twoTestAccounts());
  signInAs(null);
});

afterEach(async () => {
  await smtp?.stop();
  smtp = undefined;
  vi.unstubAllEnvs();
});

const tag = () => crypto.randomBytes(3).toString("hex");
const TOKEN = /[A-Za-z0-9_-]{43}/g;

function addForm(emails: string[]) {
  const data = new FormData();
  for (const email of emails) {
    data.append("firstName", "Someone");
    data.append("lastName", "");
    data.append("email", email);
  }
  for (const [key, value] of Object.entries({ timeZone: "UTC", groupId: "none", locale: "en", role: "MEMBER" })) data.append(key, value);
  return data;
}

/** B's admin adds these addresses with Add user. */
async function addAsOther(emails: string[]) {
  signInAs(other.users.ADMIN);
  const result = await addUsersAction(undefined, addForm(emails));
  signInAs(null);
  return result;
}

const transferTo = (userId: string) =>
  getDb().invitation.findFirst({ where: { userId, accountId: other.account.id, kind: "TRANSFER" }, orderBy: { createdAt: "desc" } });

describe("review item 1: another account's admin can't take over a user through a transfer invitation", () => {
  it("refuses the exact sequence at every step: the outbox shows no link, the page asks for no password and reveals nothing, answers need the invitee's session", async () => {
    // member18 of A, still Invited there (never accepted).
    const member18 = await invitedUser(acme, "Member18");
    expect(await addAsOther([member18.email])).toMatchObject({ ok: true });
    const invitation = await transferTo(member18.id);
    expect(invitation).not.toBeNull();

    // Step 1: B reads its own Settings > Outbox. No usable token anywhere it can see.
    const { emails } = await listOutbox(getDb(), other.account.id);
    const mail = emails.find((e) => e.recipient === member18.email)!;
    const shown = await findOutboxEmail(getDb(), other.account.id, mail.id);
    const visible = JSON.stringify({ emails, shown });
    expect(visible).toContain(`/invitations/${LINK_TOKEN_PLACEHOLDER}`);
    expect(visible).not.toContain("linkToken");
    for (const candidate of visible.match(TOKEN) ?? []) {
      expect(await getDb().invitation.findUnique({ where: { tokenHash: hashToken(candidate) } }), `${candidate} is no invitation's token`).toBeNull();
    }
    // The placeholder itself is no link to anything.
    expect(await viewInvitation(getDb(), LINK_TOKEN_PLACEHOLDER, null)).toBeNull();

    // Step 2: suppose B got the link all the same (the recipient forwarded it). The page tells an
    // anonymous visitor, or B's admin signed in, nothing about member18 or account A.
    const token = (await getDb().outboxEmail.findUniqueOrThrow({ where: { id: mail.id } })).linkToken!;
    for (const viewer of [null, other.users.ADMIN.id]) {
      const page = JSON.stringify(await viewInvitation(getDb(), token, viewer));
      for (const secret of [acme.account.name, member18.email, member18.firstName]) expect(page).not.toContain(secret);
    }

    // Step 3: accepting with a password of B's choosing — as the old form did — or any other way.
    const before = JSON.stringify(await getDb().user.findUniqueOrThrow({ where: { id: member18.id } }));
    const attempt = { token, password: "b-admin-chose-this", confirmPassword: "b-admin-chose-this", currentPassword: "guess" };
    expect(await acceptTransferInvitationAction(undefined, attempt)).toEqual({ ok: false, formError: "Your session has ended. Sign in again." });
    signInAs(other.users.ADMIN);
    expect(await acceptTransferInvitationAction(undefined, attempt)).toEqual({ ok: false, formError: "This invitation was sent to someone else. Nothing was changed." });
    expect(await declineInvitationAction(undefined, { token })).toEqual({ ok: false, formError: "This invitation was sent to someone else. Nothing was changed." });
    signInAs(null);
    expect(await followed(acceptWelcomeInvitationAction(undefined, { token, firstName: "B", lastName: "Admin", password: "b-admin-chose-this", confirmPassword: "b-admin-chose-this" })))
      .toMatchObject({ ok: false, formError: expect.stringMatching(/^This invitation link isn't valid/) });
    // member18 never signed in: no session can answer for them (the app finds no active user behind one).
    signInAs(member18);
    expect(await acceptTransferInvitationAction(undefined, { token })).toEqual({ ok: false, formError: "Your session has ended. Sign in again." });

    expect(JSON.stringify(await getDb().user.findUniqueOrThrow({ where: { id: member18.id } }))).toEqual(before);
    expect((await getDb().invitation.findUniqueOrThrow({ where: { id: invitation!.id } })).acceptedAt).toBeNull();
  });

  it("offers no password field to guess on: 30 wrong current passwords are refused without one being checked", async () => {
    const member = acme.users.MEMBER;
    await addAsOther([member.email]);
    const token = (await getDb().outboxEmail.findFirstOrThrow({ where: { recipient: member.email } })).linkToken!;
    signInAs(other.users.ADMIN);
    const answers = [];
    for (let i = 0; i < 30; i++) answers.push(await acceptTransferInvitationAction(undefined, { token, currentPassword: `guess-${i}` }));
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify({ ok: false, formError: "This invitation was sent to someone else. Nothing was changed." })]));
    // Even the right password, given by someone else, moves nobody.
    expect(await acceptTransferInvitationAction(undefined, { token, currentPassword: TEST_PASSWORD })).toMatchObject({ ok: false });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: member.id } })).accountId).toBe(acme.account.id);
  });

  it("the recipient gets the real link: delivery puts the token in, and erases it once sent", async () => {
    const member = acme.users.MEMBER;
    await addAsOther([member.email]);
    const queued = await getDb().outboxEmail.findFirstOrThrow({ where: { recipient: member.email } });
    smtp = await startSmtpServer();
    const transport = createMailTransport(smtp.url);
    try {
      expect(await deliverEmail(getDb(), transport, queued.id, { leaseSeconds: 60, lastAttempt: false })).toBe("sent");
    } finally {
      transport.close();
    }
    const [received] = smtp.received;
    const link = new RegExp(`/invitations/(${TOKEN.source})`).exec(String(received.parsed.text))?.[1];
    expect(link).toBe(queued.linkToken);
    expect(received.parsed.html).toContain(`/invitations/${queued.linkToken}`);
    expect(String(received.parsed.text)).not.toContain(LINK_TOKEN_PLACEHOLDER);
    expect(await viewInvitation(getDb(), link!, member.id)).toMatchObject({ state: "open", viewer: "invitee" });
    const sent = await getDb().outboxEmail.findUniqueOrThrow({ where: { id: queued.id } });
    expect(sent).toMatchObject({ status: "SENT", linkToken: null });
    expect(sent.html).not.toContain(link!);
  });
});

describe("review item 8: the import report and Add user don't tell another account's users from new addresses", () => {
  async function draftChecks(email: string) {
    signInAs(other.users.ADMIN);
    const id = uploadedImportId(await followed(uploadImportAction(undefined, importForm(`First name,Email\nSam,${email}\n`, { timeZone: "UTC", groupId: "none", locale: "en", role: "MEMBER", products: "central" }))));
    signInAs(null);
    return (await getDb().importRow.findMany({ where: { batchId: id }, select: { check: true, status: true, problems: true } }));
  }

  it("an address with a user in another account reads exactly like a new one, and no email is sent", async () => {
    const elsewhere = await draftChecks(acme.users.MEMBER.email);
    const fresh = await draftChecks(`fresh-${tag()}@new.example`);
    expect(elsewhere).toEqual(fresh);
    expect(elsewhere).toEqual([{ check: "valid", status: "PENDING", problems: null }]);
    expect(await getDb().outboxEmail.count({ where: { recipient: acme.users.MEMBER.email } })).toBe(0);
  });
});

describe("review item 9: transfer invitations can't be customized, and are limited per person and per account", () => {
  it("use the shipped text even if the account saved its own before; the editor refuses the kind", async () => {
    signInAs(other.users.ADMIN);
    expect(await saveEmailTemplateAction(undefined, { kind: "transferInvitation", locale: "en", subject: "Urgent: {{ firstName }}", body: "Click {{ invitationUrl }}" }))
      .toEqual({ ok: false, fieldErrors: { kind: ["This value isn't valid."] } });
    // A version stored by an earlier release is ignored.
    await getDb().emailTemplate.create({ data: { accountId: other.account.id, kind: "transferInvitation", locale: "en", subject: "Urgent: {{ firstName }}", body: "Click {{ invitationUrl }}" } });
    await addAsOther([acme.users.MEMBER.email]);
    const mail = await getDb().outboxEmail.findFirstOrThrow({ where: { recipient: acme.users.MEMBER.email } });
    expect(mail.kind).toBe("transferInvitation");
    expect(mail.subject).not.toContain("Urgent");
    expect(mail.text.startsWith(DEFAULT_TEMPLATES.en.transferInvitation.body.split("{{")[0])).toBe(true);
    expect(mail.text).not.toContain("Click");
  });

  it("one a day per person, whichever account asks: the first link keeps working, no second email", async () => {
    const member = acme.users.MEMBER;
    await addAsOther([member.email]);
    const first = await transferTo(member.id);
    const third = await createTestAccount("Third");
    signInAs(third.users.ADMIN);
    expect(await addUsersAction(undefined, addForm([member.email]))).toMatchObject({ ok: true, data: { rows: [{ outcome: "transferInvited" }] } });
    expect(await addAsOther([member.email])).toMatchObject({ ok: true, data: { rows: [{ outcome: "transferInvited" }] } });
    expect(await getDb().outboxEmail.count({ where: { recipient: member.email } })).toBe(1);
    expect(await getDb().invitation.findMany({ where: { userId: member.id }, select: { id: true, retiredAt: true } })).toEqual([{ id: first!.id, retiredAt: null }]);
    // A day later, another may be sent.
    await getDb().invitation.updateMany({ where: { userId: member.id }, data: { createdAt: new Date(Date.now() - 25 * 3_600_000) } });
    await addAsOther([member.email]);
    expect(await getDb().outboxEmail.count({ where: { recipient: member.email } })).toBe(2);
  });

  it("an account's daily allowance: then every address outside it waits, new ones too, so the refusal tells nothing", async () => {
    vi.stubEnv("TRANSFER_INVITATIONS_PER_DAY", "2");
    const [a, b, c] = [acme.users.MEMBER, acme.users.SUPPORT_STAFF, acme.users.ADMIN];
    const fresh = `fresh-${tag()}@new.example`;
    const result = await addAsOther([a.email, fresh, b.email, c.email, `later-${tag()}@new.example`]);
    expect(result).toMatchObject({ ok: true });
    expect((result as { data: { rows: { outcome: string }[] } }).data.rows.map((r) => r.outcome)).toEqual(["transferInvited", "created", "transferInvited", "dailyLimit", "dailyLimit"]);
    // Used up: a form of new addresses only is held back the same way.
    const next = await addAsOther([`another-${tag()}@new.example`]);
    expect((next as { data: { rows: { outcome: string }[] } }).data.rows.map((r) => r.outcome)).toEqual(["dailyLimit"]);
    expect(await getDb().invitation.count({ where: { accountId: other.account.id, kind: "TRANSFER" } })).toBe(2);
    expect(await getDb().outboxEmail.count({ where: { recipient: c.email } })).toBe(0);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { signInAs, startTestSession } from "../support/session";
import { createTestAccount, TEST_PASSWORD, twoTestAccounts, type TestAccount } from "../support/accounts";
import { backdate, invite, invitedUser } from "../support/invitations";
import { resendInvitationAction } from "@/app/(app)/people/users/[id]/actions";
import { bulkResendInvitationsAction } from "@/app/(app)/people/users/actions";
import { acceptTransferInvitationAction, acceptWelcomeInvitationAction, declineInvitationAction } from "@/app/invitations/[token]/actions";
import { authenticate } from "@/lib/auth/authenticate";
import { signIn } from "@/lib/auth/config";
import { loadSessionUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";
import { acceptWelcome, viewInvitation } from "@/lib/invitations/respond";
import { hashToken } from "@/lib/invitations/tokens";

// Auth.js writes the session cookie into the Next.js request, which a test doesn't have: like the
// cookie read in tests/support/session.ts, only that call is stood in for. What it is given (the
// email and the password that must now authenticate) is checked against the real authenticate().
vi.mock("@/lib/auth/config", () => ({ signIn: vi.fn(async () => undefined) }));

let acme: TestAccount;
let other: TestAccount;

beforeEach(async () => {
  ({ acme, other } = await twoTestAccounts());
  signInAs(null);
  vi.mocked(signIn).mockClear();
});

afterEach(() => {
  delete process.env.INVITATION_RESENDS_PER_HOUR;
});

const NEW_PASSWORD = "a brand new passphrase";
const REDIRECT = /^NEXT_REDIRECT;\w+;\/;/;
const userOf = (id: string) => getDb().user.findUniqueOrThrow({ where: { id } });
const invitationOf = (token: string) => getDb().invitation.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
const seatsUsed = async (accountId: string, code: string) =>
  (await getDb().subscription.findFirstOrThrow({ where: { accountId, product: { code } } })).seatsUsed;

/** An invited user whose invitation is old enough to be resent. */
async function readyToResend(account: TestAccount, firstName?: string) {
  const user = await invitedUser(account, firstName);
  const token = await invite(account, user.id);
  await backdate(user.id);
  return { user, token };
}

const welcome = (token: string, fields: Record<string, unknown> = {}) =>
  acceptWelcomeInvitationAction(undefined, { token, firstName: "Noor", lastName: "Haddad", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, ...fields });

describe("accepting a welcome invitation", () => {
  it("activates the user with their names and password, closes the invitation, audits, and signs them in", async () => {
    const user = await invitedUser(acme);
    const token = await invite(acme, user.id);
    expect(await viewInvitation(getDb(), token, null)).toMatchObject({ state: "open", kind: "WELCOME", accountName: acme.account.name, inviterName: `ADMIN ${acme.users.ADMIN.lastName}` });
    expect((await invitationOf(token)).acceptedAt).toBeNull(); // viewing changed nothing

    await expect(welcome(token)).rejects.toMatchObject({ digest: expect.stringMatching(REDIRECT) });
    expect(signIn).toHaveBeenCalledWith("credentials", { email: user.email, password: NEW_PASSWORD, redirect: false });
    expect(await userOf(user.id)).toMatchObject({ status: "ACTIVE", firstName: "Noor", lastName: "Haddad", nameKey: "noor haddad", accountId: acme.account.id });
    expect(await authenticate(getDb(), user.email, NEW_PASSWORD)).toEqual({ id: user.id, sessionVersion: 0 });
    expect((await invitationOf(token)).acceptedAt).not.toBeNull();
    expect(await viewInvitation(getDb(), token, null)).toMatchObject({ state: "accepted" });
    expect(await getDb().auditEvent.findFirst({ where: { action: "invitation.accept", targetId: user.id } })).toMatchObject({
      accountId: acme.account.id, actorId: user.id, before: { status: "INVITED", firstName: "Noor", lastName: "" }, after: { status: "ACTIVE", firstName: "Noor", lastName: "Haddad" },
    });
  });

  it("refuses the same link a second time", async () => {
    const user = await invitedUser(acme);
    const token = await invite(acme, user.id);
    await expect(welcome(token)).rejects.toThrow();
    expect(await welcome(token, { password: "another password 123", confirmPassword: "another password 123" })).toEqual({
      ok: false, formError: "This invitation was already accepted. Sign in with your email and password.",
    });
    expect(await authenticate(getDb(), user.email, NEW_PASSWORD)).not.toBeNull();
  });

  it("refuses an expired link and changes nothing", async () => {
    const user = await invitedUser(acme);
    const token = await invite(acme, user.id);
    await getDb().invitation.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await viewInvitation(getDb(), token, null)).toMatchObject({ state: "expired" });
    expect(await welcome(token)).toEqual({ ok: false, formError: "This invitation has expired. Ask an admin of the account that invited you to resend it." });
    expect(await userOf(user.id)).toMatchObject({ status: "INVITED", passwordHash: null, lastName: "" });
    expect(signIn).not.toHaveBeenCalled();
  });

  it("refuses a link retired by a resend, while the new link works", async () => {
    const { user, token: old } = await readyToResend(acme);
    signInAs(acme.users.SUPPORT_STAFF);
    expect(await resendInvitationAction(undefined, { userId: user.id })).toEqual({ ok: true, data: { count: 1 } });
    const email = await getDb().outboxEmail.findFirstOrThrow({ where: { recipient: user.email }, orderBy: { createdAt: "desc" } });
    const fresh = email.linkToken!; // kept beside the email for delivery, never in its text
    expect(email.text).not.toContain(fresh);
    expect(fresh).not.toBe(old);

    expect(await viewInvitation(getDb(), old, null)).toMatchObject({ state: "retired" });
    expect(await welcome(old)).toEqual({ ok: false, formError: "A newer invitation replaced this link. Use the link in the most recent email, or ask an admin to resend the invitation." });
    expect((await userOf(user.id)).status).toBe("INVITED");
    await expect(welcome(fresh)).rejects.toMatchObject({ digest: expect.stringMatching(REDIRECT) });
    expect((await userOf(user.id)).status).toBe("ACTIVE");
  });

  it("accepts exactly once when two submissions race", async () => {
    const user = await invitedUser(acme);
    const token = await invite(acme, user.id);
    const answers = ["first passphrase 1", "second passphrase 2"];
    const results = await Promise.allSettled(answers.map((password) => acceptWelcome(getDb(), { token, firstName: "Noor", lastName: password, password })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.messageKey)).toEqual(["invitations.closed.accepted"]);
    const winner = answers[results.findIndex((r) => r.status === "fulfilled")];
    expect((await userOf(user.id)).lastName).toBe(winner);
    expect(await authenticate(getDb(), user.email, winner)).not.toBeNull();
    expect(await getDb().auditEvent.count({ where: { action: "invitation.accept", targetId: user.id } })).toBe(1);
  });

  it("answers bad input with localized field errors and writes nothing", async () => {
    const user = await invitedUser(acme);
    const token = await invite(acme, user.id);
    expect(await welcome(token, { password: "short", confirmPassword: "short" })).toEqual({ ok: false, fieldErrors: { password: ["Use at least 12 characters."] } });
    expect(await welcome(token, { confirmPassword: "something else entirely" })).toEqual({ ok: false, fieldErrors: { confirmPassword: ["The passwords don't match."] } });
    expect(await welcome(token, { firstName: "Noor\r\nBcc: x@evil.example", lastName: "x".repeat(10_000) })).toEqual({
      ok: false, fieldErrors: { firstName: ["Keep this on one line: remove the line breaks and tabs."], lastName: ["This value is too long."] },
    });
    expect(await welcome(token, { firstName: "   " })).toEqual({ ok: false, fieldErrors: { firstName: ["This field is required."] } });
    expect(await welcome("not-a-token")).toEqual({ ok: false, fieldErrors: { token: ["This value isn't valid."] } });
    expect(await welcome("x".repeat(43))).toEqual({
      ok: false, formError: "This invitation link isn't valid. Check that you opened the whole link from the email, or ask an admin of the account that invited you to send a new invitation.",
    });
    expect(await viewInvitation(getDb(), "../../etc/passwd", null)).toBeNull();
    expect(await userOf(user.id)).toMatchObject({ status: "INVITED", passwordHash: null, firstName: "Noor", lastName: "" });
    expect((await invitationOf(token)).acceptedAt).toBeNull();
    expect(signIn).not.toHaveBeenCalled();
  });

  it("stores markup in names as plain text", async () => {
    const user = await invitedUser(acme);
    const token = await invite(acme, user.id);
    const firstName = `<img src=x onerror="alert(1)">`;
    await expect(welcome(token, { firstName })).rejects.toThrow();
    expect(await userOf(user.id)).toMatchObject({ firstName, status: "ACTIVE" });
  });
});

describe("transfer invitations", () => {
  /** Other's member holds both products there; Acme invites them as admin of its Helpdesk group with both products. */
  async function transferSetup() {
    const member = other.users.MEMBER;
    for (const sub of await getDb().subscription.findMany({ where: { accountId: other.account.id } })) {
      await getDb().licenceAssignment.create({ data: { accountId: other.account.id, subscriptionId: sub.id, userId: member.id } });
    }
    // Acme's Remote Support seats (2) are all taken: that product will be skipped.
    const acmeRs = await getDb().subscription.findFirstOrThrow({ where: { accountId: acme.account.id, product: { code: "remote-support" } } });
    for (const u of [acme.users.ADMIN, acme.users.MEMBER]) await getDb().licenceAssignment.create({ data: { accountId: acme.account.id, subscriptionId: acmeRs.id, userId: u.id } });
    const group = await getDb().userGroup.findFirstOrThrow({ where: { accountId: acme.account.id } });
    const token = await invite(acme, member.id, "TRANSFER", { role: "ADMIN", groupId: group.id, productCodes: ["central", "remote-support"] });
    return { member, group, token };
  }

  // The invitee answers signed in as themselves: the session is the proof, the form carries only the token.
  const accept = (token: string) => acceptTransferInvitationAction(undefined, { token });
  const decline = (token: string) => declineInvitationAction(undefined, { token });

  it("shows the invitee both accounts and what moving does, without changing anything", async () => {
    const { token, member } = await transferSetup();
    expect(await viewInvitation(getDb(), token, member.id)).toMatchObject({
      state: "open", kind: "TRANSFER", viewer: "invitee", accountName: acme.account.name, currentAccountName: other.account.name, role: "ADMIN",
      releasedProducts: ["LogMeIn Central", "Remote Support"], joiningProducts: ["LogMeIn Central", "Remote Support"],
      user: { email: member.email },
    });
    expect((await userOf(member.id)).accountId).toBe(other.account.id);
  });

  it("shows anyone else only who invites to which account: nothing of the invitee, their account or licences", async () => {
    const { token, member } = await transferSetup();
    for (const viewer of [null, acme.users.ADMIN.id, other.users.ADMIN.id]) {
      const view = await viewInvitation(getDb(), token, viewer);
      expect(view).toEqual({
        state: "open", kind: "TRANSFER", viewer: viewer ? "someoneElse" : "signedOut", accountName: acme.account.name,
        inviterName: `ADMIN ${acme.users.ADMIN.lastName}`, expiresAt: expect.any(Date), role: "ADMIN",
      });
      const shown = JSON.stringify(view);
      for (const secret of [other.account.name, member.email, member.lastName, "LogMeIn Central"]) expect(shown).not.toContain(secret);
    }
  });

  it("moves the signed-in invitee: old licences freed, new role, group and products where seats allow, session kept, both accounts audited", async () => {
    const { token, member, group } = await transferSetup();
    const third = await createTestAccount("Third");
    await getDb().invitation.updateMany({ where: { userId: member.id }, data: { createdAt: new Date(Date.now() - 25 * 3_600_000) } }); // one transfer invitation a day per person
    const elsewhere = await invite(third, member.id, "TRANSFER");
    expect(await seatsUsed(other.account.id, "central")).toBe(1);
    const centralBefore = await seatsUsed(acme.account.id, "central");

    const elsewhereSession = await startTestSession(member.id, { userAgent: "Firefox" });
    signInAs(member);
    await expect(accept(token)).rejects.toMatchObject({ digest: expect.stringMatching(REDIRECT) });
    expect(signIn).not.toHaveBeenCalled(); // no password changes hands: they were signed in already

    const moved = await userOf(member.id);
    expect(moved).toMatchObject({ accountId: acme.account.id, role: "ADMIN", groupId: group.id, status: "ACTIVE" });
    // This session goes on, in the new account; their session in another browser ended.
    expect(await loadSessionUser(getDb(), { userId: member.id, sessionVersion: moved.sessionVersion, sessionId: member.sessionId })).toMatchObject({ accountId: acme.account.id });
    expect(await loadSessionUser(getDb(), { userId: member.id, sessionVersion: moved.sessionVersion, sessionId: elsewhereSession })).toBeNull();
    expect(await getDb().session.findUniqueOrThrow({ where: { id: elsewhereSession } })).toMatchObject({ revokedAt: expect.any(Date) });
    expect(await authenticate(getDb(), member.email, TEST_PASSWORD)).toMatchObject({ id: member.id }); // their password unchanged
    expect(await seatsUsed(other.account.id, "central")).toBe(0);
    expect(await seatsUsed(other.account.id, "remote-support")).toBe(0);
    expect(await seatsUsed(acme.account.id, "central")).toBe(centralBefore + 1);
    expect(await seatsUsed(acme.account.id, "remote-support")).toBe(2);
    expect(await getDb().licenceAssignment.findMany({ where: { userId: member.id }, select: { accountId: true } })).toEqual([{ accountId: acme.account.id }]);

    expect(await getDb().auditEvent.findFirst({ where: { accountId: other.account.id, action: "user.transfer.out", targetId: member.id } })).toMatchObject({
      actorId: member.id,
      before: { accountId: other.account.id, role: "MEMBER", status: "ACTIVE", products: ["central", "remote-support"] },
      after: { accountId: acme.account.id },
    });
    expect(await getDb().auditEvent.findFirst({ where: { accountId: acme.account.id, action: "user.transfer.in", targetId: member.id } })).toMatchObject({
      actorId: member.id,
      before: { accountId: other.account.id },
      after: { role: "ADMIN", groupId: group.id, products: ["central"], skippedProducts: ["remote-support"] },
    });
    expect((await invitationOf(token)).acceptedAt).not.toBeNull();
    expect((await invitationOf(elsewhere)).retiredAt).not.toBeNull(); // other live invitations retired
    expect(await accept(token)).toEqual({ ok: false, formError: "This invitation was already accepted. Sign in with your email and password." });
  });

  it("refuses everyone but the invitee, whatever they send, and changes nothing", async () => {
    const { token, member } = await transferSetup();
    const fingerprint = async () => JSON.stringify([await userOf(member.id), await invitationOf(token), await seatsUsed(other.account.id, "central")]);
    const before = await fingerprint();
    signInAs(null);
    expect(await accept(token)).toEqual({ ok: false, formError: "Your session has ended. Sign in again." });
    expect(await decline(token)).toEqual({ ok: false, formError: "Your session has ended. Sign in again." });
    for (const someoneElse of [acme.users.ADMIN, acme.users.ACCOUNT_HOLDER, other.users.ADMIN, other.users.SUPPORT_STAFF]) {
      signInAs(someoneElse);
      expect(await accept(token)).toEqual({ ok: false, formError: "This invitation was sent to someone else. Nothing was changed." });
      expect(await decline(token)).toEqual({ ok: false, formError: "This invitation was sent to someone else. Nothing was changed." });
      // A password (theirs, or a guess) is no longer something the invitation takes.
      expect(await acceptTransferInvitationAction(undefined, { token, currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }))
        .toEqual({ ok: false, formError: "This invitation was sent to someone else. Nothing was changed." });
    }
    expect(await fingerprint()).toEqual(before);
  });

  it("a user still invited in their own account (never signed in) can't be moved: they have no session to answer with", async () => {
    const user = await invitedUser(other, "Ines");
    const token = await invite(acme, user.id, "TRANSFER");
    signInAs(user); // what a forged session would claim: the app finds no active user behind it
    expect(await accept(token)).toEqual({ ok: false, formError: "Your session has ended. Sign in again." });
    expect(await userOf(user.id)).toMatchObject({ accountId: other.account.id, status: "INVITED", passwordHash: null });
    expect((await invitationOf(token)).acceptedAt).toBeNull();
  });

  it("refuses to take away the last account holder of the old account", async () => {
    const holder = other.users.ACCOUNT_HOLDER;
    const token = await invite(acme, holder.id, "TRANSFER");
    signInAs(holder);
    expect(await accept(token)).toEqual({
      ok: false, formError: `You are the only account holder of ${other.account.name}. Make someone else an account holder there first, then accept again. Nothing was changed.`,
    });
    expect(await userOf(holder.id)).toMatchObject({ accountId: other.account.id, role: "ACCOUNT_HOLDER", sessionVersion: 0 });
    expect((await invitationOf(token)).acceptedAt).toBeNull();
  });

  it("declining closes the invitation, is audited in the inviting account, and leaves the user where they are", async () => {
    const { token, member } = await transferSetup();
    const before = await userOf(member.id);
    signInAs(member);
    await expect(decline(token)).rejects.toMatchObject({ digest: expect.stringContaining(`;/invitations/${token};`) });
    expect(await userOf(member.id)).toEqual(before);
    expect(await seatsUsed(other.account.id, "central")).toBe(1);
    expect((await invitationOf(token)).declinedAt).not.toBeNull();
    expect(await viewInvitation(getDb(), token, member.id)).toMatchObject({ state: "declined", currentAccountName: other.account.name });
    expect(await getDb().auditEvent.findFirst({ where: { accountId: acme.account.id, action: "invitation.decline", targetId: member.id } })).toMatchObject({ actorId: member.id });
    // Their own account learns only that they declined an invitation, not whose.
    const own = await getDb().auditEvent.findFirstOrThrow({ where: { accountId: other.account.id, action: "invitation.decline" } });
    expect(JSON.stringify(own)).not.toContain(acme.account.name);
    expect(await accept(token)).toMatchObject({ ok: false, formError: expect.stringMatching(/^This invitation was declined/) });
  });

  it("takes a welcome link for a welcome only (and a transfer link for a transfer only)", async () => {
    const user = await invitedUser(acme);
    const welcomeToken = await invite(acme, user.id);
    const { token: transferToken, member } = await transferSetup();
    signInAs(member);
    expect(await accept(welcomeToken)).toMatchObject({ ok: false, formError: expect.stringMatching(/^This invitation link isn't valid/) });
    expect(await decline(welcomeToken)).toMatchObject({ ok: false });
    signInAs(null);
    expect(await welcome(transferToken)).toMatchObject({ ok: false, formError: expect.stringMatching(/^This invitation link isn't valid/) });
    expect((await invitationOf(welcomeToken)).declinedAt).toBeNull();
  });
});

describe("an invitation carries its inviter's authority as it is now", () => {
  it("stops working once its inviter is suspended, deleted or moved, and comes back if they are reactivated", async () => {
    const user = await invitedUser(acme);
    const token = await invite(acme, user.id);
    const admin = acme.users.ADMIN;
    await getDb().user.update({ where: { id: admin.id }, data: { status: "SUSPENDED" } });
    expect(await viewInvitation(getDb(), token, null)).toMatchObject({ state: "withdrawn" });
    expect(await welcome(token)).toEqual({ ok: false, formError: expect.stringMatching(/^The person who sent this invitation can no longer invite you/) });
    expect(await userOf(user.id)).toMatchObject({ status: "INVITED", passwordHash: null });
    await getDb().user.update({ where: { id: admin.id }, data: { status: "ACTIVE" } });
    expect(await viewInvitation(getDb(), token, null)).toMatchObject({ state: "open" });
    await getDb().invitation.updateMany({ where: { userId: user.id }, data: { invitedById: null } }); // what deleting the inviter leaves
    expect(await viewInvitation(getDb(), token, null)).toMatchObject({ state: "withdrawn" });
  });

  it("a transfer can't give a role its inviter may no longer grant", async () => {
    const member = other.users.MEMBER;
    const token = await invite(acme, member.id, "TRANSFER", { role: "ADMIN" });
    await getDb().user.update({ where: { id: acme.users.ADMIN.id }, data: { role: "SUPPORT_STAFF" } });
    signInAs(member);
    expect(await acceptTransferInvitationAction(undefined, { token })).toEqual({ ok: false, formError: expect.stringMatching(/^The person who sent this invitation can no longer invite you/) });
    expect(await userOf(member.id)).toMatchObject({ accountId: other.account.id, role: "MEMBER" });
  });
});

describe("resending invitations", () => {
  const ids = (...users: { id: string }[]) => ({ mode: "ids" as const, ids: users.map((u) => u.id) });
  const liveInvitations = (userId: string) => getDb().invitation.findMany({ where: { userId, acceptedAt: null, declinedAt: null, retiredAt: null } });

  it("support staff resend: a fresh link, the old one retired, the email queued, audited", async () => {
    const { user, token: old } = await readyToResend(acme);
    signInAs(acme.users.SUPPORT_STAFF);
    expect(await resendInvitationAction(undefined, { userId: user.id })).toEqual({ ok: true, data: { count: 1 } });
    expect((await invitationOf(old)).retiredAt).not.toBeNull();
    const [live] = await liveInvitations(user.id);
    expect(live).toMatchObject({ accountId: acme.account.id, kind: "WELCOME", resent: true, invitedById: acme.users.SUPPORT_STAFF.id });
    expect(await getDb().outboxEmail.count({ where: { recipient: user.email, kind: "welcome" } })).toBe(2);
    expect(await getDb().auditEvent.findFirst({ where: { action: "invitation.resend", targetId: user.id } })).toMatchObject({ accountId: acme.account.id, actorId: acme.users.SUPPORT_STAFF.id });
  });

  it("refuses a user invited less than the interval ago, with the wait", async () => {
    const user = await invitedUser(acme);
    await invite(acme, user.id);
    signInAs(acme.users.ADMIN);
    expect(await resendInvitationAction(undefined, { userId: user.id })).toEqual({ ok: false, formError: "This user got an invitation less than 5 minutes ago. Try again in 5 minutes." });
    await backdate(user.id, 3);
    expect(await resendInvitationAction(undefined, { userId: user.id })).toEqual({ ok: false, formError: "This user got an invitation less than 5 minutes ago. Try again in 2 minutes." });
    expect(await liveInvitations(user.id)).toHaveLength(1);
  });

  it("two concurrent resends for one user: one is sent, the other waits for the lock and is refused", async () => {
    const { user } = await readyToResend(acme);
    signInAs(acme.users.SUPPORT_STAFF);
    const results = await Promise.all([1, 2].map(() => resendInvitationAction(undefined, { userId: user.id })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, formError: expect.stringMatching(/^This user got an invitation less than 5 minutes ago/) });
    expect(await liveInvitations(user.id)).toHaveLength(1);
  });

  it("refuses users who aren't waiting for an invitation", async () => {
    signInAs(acme.users.ADMIN);
    expect(await resendInvitationAction(undefined, { userId: acme.users.MEMBER.id })).toEqual({
      ok: false, formError: "Only invited users can get a new invitation: this user isn't waiting for one.",
    });
    expect(await bulkResendInvitationsAction(undefined, { selection: ids(acme.users.MEMBER), expectedCount: 1 })).toEqual({
      ok: false, formError: "None of the selected users is waiting for an invitation. Nothing was sent.",
    });
  });

  it("bulk: sends to the invited users ready for it, skips and counts the others", async () => {
    const [a, b, recent] = [await invitedUser(acme, "Ana"), await invitedUser(acme, "Ben"), await invitedUser(acme, "Cy")];
    for (const u of [a, b, recent]) await invite(acme, u.id);
    await backdate(a.id);
    await backdate(b.id);
    signInAs(acme.users.SUPPORT_STAFF);
    const result = await bulkResendInvitationsAction(undefined, { selection: ids(a, b, recent, acme.users.MEMBER), expectedCount: 4 });
    expect(result).toEqual({ ok: true, data: { count: 2, skipped: 2, notInvited: 1, tooSoon: 1 } });
    expect(await getDb().auditEvent.count({ where: { accountId: acme.account.id, action: "invitation.resend" } })).toBe(2);
    // Right after, everyone is too recent: refused whole, with the wait.
    expect(await bulkResendInvitationsAction(undefined, { selection: ids(a, b, recent), expectedCount: 3 })).toEqual({
      ok: false, formError: "The selected users who are waiting for an invitation got one less than 5 minutes ago. Nothing was sent: try again in 5 minutes.",
    });
    // A filter selection works the same way, inside the account only.
    await backdate(a.id);
    const matching = await bulkResendInvitationsAction(undefined, { selection: { mode: "matching", filters: { q: "ana" } }, expectedCount: 1 });
    expect(matching).toEqual({ ok: true, data: { count: 1, skipped: 0, notInvited: 0, tooSoon: 0 } });
  });

  it("refuses a request that would pass the account's hourly limit, with the numbers, and sends nothing", async () => {
    process.env.INVITATION_RESENDS_PER_HOUR = "2";
    const users = [(await readyToResend(acme, "Ana")).user, (await readyToResend(acme, "Ben")).user, (await readyToResend(acme, "Cy")).user];
    signInAs(acme.users.ADMIN);
    expect(await bulkResendInvitationsAction(undefined, { selection: ids(...users), expectedCount: 3 })).toEqual({
      ok: false, formError: "Your account can resend at most 2 invitations an hour. Resent in the last hour: 0. Requested now: 3. Nothing was sent.",
    });
    expect(await getDb().invitation.count({ where: { accountId: acme.account.id, resent: true } })).toBe(0);
    expect(await bulkResendInvitationsAction(undefined, { selection: ids(users[0], users[1]), expectedCount: 2 })).toMatchObject({ ok: true, data: { count: 2 } });
    expect(await resendInvitationAction(undefined, { userId: users[2].id })).toEqual({
      ok: false, formError: "Your account can resend at most 2 invitations an hour. Resent in the last hour: 2. Requested now: 1. Nothing was sent.",
    });
    // Another account has its own allowance.
    const { user: theirs } = await readyToResend(other);
    signInAs(other.users.ADMIN);
    expect(await resendInvitationAction(undefined, { userId: theirs.id })).toEqual({ ok: true, data: { count: 1 } });
  });

  it("refuses members and signed-out callers", async () => {
    const { user } = await readyToResend(acme);
    expect(await resendInvitationAction(undefined, { userId: user.id })).toEqual({ ok: false, formError: "Your session has ended. Sign in again." });
    signInAs(acme.users.MEMBER);
    expect(await resendInvitationAction(undefined, { userId: user.id })).toEqual({ ok: false, formError: "Your role doesn't allow this." });
    expect(await bulkResendInvitationsAction(undefined, { selection: ids(user), expectedCount: 1 })).toEqual({ ok: false, formError: "Your role doesn't allow this." });
    expect(await getDb().invitation.count({ where: { userId: user.id } })).toBe(1);
  });

  it("treats another account's user as not found, whatever account id the request claims", async () => {
    const { user: theirs } = await readyToResend(other);
    signInAs(acme.users.SUPPORT_STAFF);
    expect(await resendInvitationAction(undefined, { userId: theirs.id, accountId: other.account.id })).toEqual({ ok: false, formError: "That item doesn't exist in your account." });
    expect(await bulkResendInvitationsAction(undefined, { selection: ids(theirs), expectedCount: 1, accountId: other.account.id })).toEqual({
      ok: false, formError: "The selection changed: 0 users match now instead of 1. Review it and try again.",
    });
    expect(await getDb().invitation.count({ where: { userId: theirs.id } })).toBe(1);
    expect(await getDb().outboxEmail.count({ where: { recipient: theirs.email } })).toBe(1);
    expect(await getDb().auditEvent.count({ where: { action: "invitation.resend", targetId: theirs.id } })).toBe(0);
  });
});

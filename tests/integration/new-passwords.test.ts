// A new password (Change password, accepting a welcome invitation) is refused at its field when it is a
// common one or contains the email's local part, and nothing changes.
import { beforeEach, describe, expect, it } from "vitest";
import "../support/sign-in";
import { signInAs } from "../support/session";
import { followed } from "../support/redirects";
import { createTestAccount, TEST_PASSWORD, type TestAccount } from "../support/accounts";
import { accountFingerprint } from "../support/db-snapshot";
import { invite, invitedUser } from "../support/invitations";

const { changeMyPasswordAction } = await import("@/app/(app)/actions");
const { acceptWelcomeInvitationAction } = await import("@/app/invitations/[token]/actions");

const COMMON = "This password is too common: choose one that is harder to guess.";
const CONTAINS_EMAIL = "Don't use your email address in your password.";
const COMMON_PASSWORDS = ["password1234", "111111111111", "Password1234", " 123456789012 ", "qwertyqwerty"];

let acme: TestAccount;
beforeEach(async () => {
  acme = await createTestAccount();
  signInAs(null);
});

/** Runs the call and checks it was refused at the password field with `message`, changing no row of the account. */
async function expectRefused(call: () => Promise<unknown>, message: string) {
  const before = await accountFingerprint(acme.account.id);
  expect(await followed(call())).toEqual({ ok: false, fieldErrors: { password: [message] } });
  expect(await accountFingerprint(acme.account.id)).toEqual(before);
}

describe("Change password", () => {
  const change = (password: string) => changeMyPasswordAction(undefined, { currentPassword: TEST_PASSWORD, password, confirmPassword: password });

  it.each(COMMON_PASSWORDS)("refuses the common password %j", async (password) => {
    signInAs(acme.users.MEMBER);
    await expectRefused(() => change(password), COMMON);
  });

  it("refuses a password that contains the email's local part, whatever its case", async () => {
    const member = acme.users.MEMBER;
    signInAs(member);
    const local = member.email.split("@")[0];
    await expectRefused(() => change(`my ${local.toUpperCase()} passphrase`), CONTAINS_EMAIL);
    // A good one still goes through.
    expect(await followed(change("a brand new passphrase"))).toEqual({ redirectedTo: "/sign-in?notice=passwordChanged" });
  });
});

describe("Accepting a welcome invitation", () => {
  const accept = (token: string, password: string) =>
    acceptWelcomeInvitationAction(undefined, { token, firstName: "Noor", lastName: "Haddad", password, confirmPassword: password });

  it.each(COMMON_PASSWORDS)("refuses the common password %j", async (password) => {
    const user = await invitedUser(acme);
    const token = await invite(acme, user.id);
    await expectRefused(() => accept(token, password), COMMON);
  });

  it("refuses a password that contains the invitee's email local part", async () => {
    const user = await invitedUser(acme);
    const token = await invite(acme, user.id);
    const local = user.email.split("@")[0];
    await expectRefused(() => accept(token, `${local}-at-work!`), CONTAINS_EMAIL);
    expect(await followed(accept(token, "a brand new passphrase"))).toEqual({ redirectedTo: "/" });
  });
});

// The permission matrix's table: every exported server action and route handler, keyed by
// "file#export", with the permission it must declare, what a valid call needs in a fresh account
// (`given`, returning the ids the call names) and the call's input. tests/integration/
// permission-matrix.test.ts fails for an export missing here, so a new action needs an entry.
import crypto from "node:crypto";
import { importForm, uploadedImportId } from "./imports";
import { backdate, invite, invitedUser } from "./invitations";
import { followed } from "./redirects";
import { signInAs, startTestSession } from "./session";
import { createTestAccount, TEST_PASSWORD, type TestAccount } from "./accounts";
import { cookieJar, PENDING_COOKIE } from "./sign-in";
import { saveEmailTemplateAction } from "@/app/(app)/settings/email-templates/actions";
import { uploadImportAction } from "@/app/(app)/people/users/imports/actions";
import type { ActionInput } from "@/lib/actions/result";
import { encodePendingToken } from "@/lib/auth/pending-token";
import { issueRecoveryCodes } from "@/lib/auth/recovery-codes";
import { totpCode } from "@/lib/auth/totp";
import { seal } from "@/lib/security/secret-box";
import { getDb } from "@/lib/db/client";
import { hashToken, newToken } from "@/lib/invitations/tokens";
import type { AccountRole, UserStatus } from "@/lib/generated/prisma/enums";
import { queueEmail } from "@/lib/mail/outbox";
import type { Permission } from "@/lib/permissions";
import { userKeys } from "@/lib/users/search-key";
import en from "@/messages/en.json";
import { relyingParty } from "@/lib/auth/passkeys";
import { SoftAuthenticator } from "./soft-authenticator";
import { createTestToken } from "./api-tokens";
import { ssoAccount, ssoDomain, ssoTestProviders } from "./sso";

/** The ids a call names, by what they are ("userId", "groupId"…); the matrix swaps each for the other account's. */
export type Ids = Record<string, string>;

export interface ActionEntry {
  /** The permission the action declares; null for a public action (no session needed). */
  permission: Permission | null;
  /** Creates in the account what a valid call needs; returns the ids the input names. */
  given?: (account: TestAccount) => Promise<Ids>;
  /** `role`: the caller's, for actions whose input is the caller's own (an invitation sent to them). */
  input: (ids: Ids, account: TestAccount, role?: AccountRole | null) => ActionInput;
  /**
   * A public action that ends the caller's own session (signing out): it revokes that session's row
   * and audits it in the caller's account, whichever that is — only those two tables may change there.
   */
  endsCallersSession?: true;
  /** The input names a user (`ids.userId`): the matrix also calls it on a user above the caller's role. */
  namesUser?: true;
  /**
   * A public action of the first run only (before any account exists): in the matrix's world,
   * which has accounts, every caller is refused with this message and nothing changes.
   * tests/integration/first-run.test.ts covers its success.
   */
  refusedOnceAccountsExist?: string;
  /**
   * A public action of sign-in's second step: it needs a pending sign-in (lib/auth/pending-sign-in.ts),
   * which none of the matrix's callers has (a session is not one), so every call is refused and changes nothing.
   */
  needsPendingSignIn?: true;
}

export interface RouteEntry {
  permission: Permission | null;
  /** What the route answers a caller it serves: 200 unless said (a redirect, say). */
  status?: number;
  given?: (account: TestAccount) => Promise<Ids>;
  /** The URL, and the route's dynamic segments. */
  request: (ids: Ids) => { url: string; params?: Record<string, string> };
}

const tag = () => crypto.randomBytes(4).toString("hex");
const NEW_PASSWORD = "a brand new passphrase";

async function newUser(accountId: string, options: { status?: UserStatus; products?: string[]; role?: AccountRole } = {}) {
  const email = `target-${tag()}@test.example`;
  const status = options.status ?? "ACTIVE";
  const user = await getDb().user.create({
    data: {
      accountId, email, firstName: "Target", lastName: "", ...userKeys({ firstName: "Target", lastName: "", email }), status,
      role: options.role ?? "MEMBER", passwordHash: "not-a-usable-hash",
    },
  });
  for (const code of options.products ?? []) {
    const subscription = await getDb().subscription.findFirstOrThrow({ where: { accountId, product: { code } } });
    await getDb().licenceAssignment.create({ data: { accountId, subscriptionId: subscription.id, userId: user.id } });
  }
  return user;
}

const newGroup = async (account: TestAccount) =>
  (await getDb().userGroup.create({ data: { accountId: account.account.id, name: `Group ${tag()}` } })).id;

/** A user invited by the account's admin, the invitation dated an hour ago so a resend is allowed. */
async function welcomeInvitation(account: TestAccount) {
  const user = await invitedUser(account, "Target");
  const token = await invite(account, user.id);
  await backdate(user.id, 60);
  return { userId: user.id, token };
}

/** A live password reset link of an active user of the account (as the reset job issues it). */
async function resetLink(account: TestAccount) {
  const token = crypto.randomBytes(32).toString("base64url");
  const user = await newUser(account.account.id);
  await getDb().passwordReset.create({ data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 30 * 60_000) } });
  return { token };
}

/**
 * A third account (not one of the two under test) invites every user of this one to move to it;
 * a second account holder lets the first leave. The ids are the tokens, by role.
 */
async function transfersToEveryone(account: TestAccount): Promise<Ids> {
  const third = await createTestAccount(`Third ${tag()}`);
  await newUser(account.account.id, { role: "ACCOUNT_HOLDER" });
  const tokens: Ids = {};
  for (const [role, user] of Object.entries(account.users)) tokens[`token${role}`] = await invite(third, user.id, "TRANSFER");
  return tokens;
}

/** The caller's own transfer invitation (the outsider, an admin of the other account, names this account's admin's). */
const ownTransfer = (ids: Ids, _account: TestAccount, role?: AccountRole | null) => ({ token: ids[`token${role ?? "MEMBER"}`] });

/** Runs a set-up step through the app as the account's admin, then signs out. */
async function asAdmin<T>(account: TestAccount, step: () => Promise<T>): Promise<T> {
  signInAs(account.users.ADMIN);
  try {
    return await step();
  } finally {
    signInAs(null);
  }
}

/** A draft import with one valid row and one invalid row that names the account (for the leak check). */
async function draftImport(account: TestAccount) {
  const csv = `First name,Email\nZoe,zoe-${tag()}@import.example\n${account.account.name},not-an-email\n`;
  // The upload redirects to its report once the draft has committed (Next.js throws the redirect).
  const outcome = await asAdmin(account, () => followed(uploadImportAction(undefined, importForm(csv, importSettings("none")))));
  return { importId: uploadedImportId(outcome) };
}

async function apiToken(account: TestAccount) {
  return { tokenId: (await createTestToken(account, { ceiling: "MEMBER" })).id };
}

async function provisioningRule(account: TestAccount) {
  const subscription = await getDb().subscription.findFirstOrThrow({ where: { accountId: account.account.id, product: { code: "remote-support" } } });
  const rule = await getDb().provisioningRule.create({ data: { accountId: account.account.id, groupId: await newGroup(account), subscriptionId: subscription.id } });
  return { ruleId: rule.id };
}

async function failedEmail(account: TestAccount) {
  const id = await getDb().$transaction((tx) =>
    queueEmail(tx, account.account.id, {
      to: { email: "someone@example.com", locale: "en", timeZone: "UTC" },
      kind: "productChange",
      variables: { firstName: "Sam", accountName: account.account.name, inviterName: "Ada", productNames: ["Remote Support"] },
    }),
  );
  await getDb().outboxEmail.update({ where: { id }, data: { status: "FAILED", attempts: 3, lastError: "451 try later" } });
  return { emailId: id };
}

const WELCOME_FR = {
  kind: "welcome",
  locale: "fr",
  subject: "Bienvenue chez {{ accountName }}, {{ firstName }}",
  body: "Bonjour {{ firstName }},\n\n{{ invitationUrl }}\n\nÀ bientôt, {{ inviterName }}.",
};

const customTemplate = async (account: TestAccount) => {
  const saved = await asAdmin(account, () => saveEmailTemplateAction(undefined, WELCOME_FR));
  if (!saved.ok) throw new Error(`template not saved: ${JSON.stringify(saved)}`);
  return { kind: "welcome" };
};

/** A registration challenge for every user of the account (one value, so the caller's answer fits whoever calls). */
async function passkeyChallenges(account: TestAccount): Promise<Ids> {
  const challenge = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + 5 * 60_000);
  await getDb().webAuthnChallenge.createMany({ data: Object.values(account.users).map((u) => ({ userId: u.id, purpose: "register", challenge, expiresAt })) });
  return { challenge };
}

/** A passkey of every user of the account, by role: each caller renames or removes their own. */
async function passkeysOfEveryone(account: TestAccount): Promise<Ids> {
  const ids: Ids = {};
  for (const [role, user] of Object.entries(account.users)) {
    const passkey = await getDb().passkey.create({
      data: { userId: user.id, credentialId: crypto.randomBytes(16).toString("base64url"), publicKey: crypto.randomBytes(77), name: `Key ${tag()}` },
    });
    ids[`passkey${role}`] = passkey.id;
  }
  return ids;
}

const ownPasskey = (ids: Ids, role?: AccountRole | null) => ids[`passkey${role ?? "MEMBER"}`];

const oneUser = (ids: Ids) => ({ selection: { mode: "ids", ids: [ids.userId] }, expectedCount: 1 });
/** A bulk job on "all matching" users, queued by the account's ADMIN (lib/users/bulk-job.ts). */
const queuedBulkJob = async (account: TestAccount) => ({
  jobId: (await getDb().bulkJob.create({
    data: { accountId: account.account.id, createdById: account.users.ADMIN.id, operation: "suspend", filters: { role: "MEMBER" }, params: {}, total: 1 },
  })).id,
});

const activeUser = async (account: TestAccount, products: string[] = []) => ({ userId: (await newUser(account.account.id, { products })).id });
const importSettings = (groupId: string) => ({ timeZone: "UTC", groupId, locale: "en", role: "MEMBER" });
const userSettings = (groupId: string) => ({ products: [], ...importSettings(groupId) });

/** The authenticator app every user of a `given` below sets up: codes are computed from it. */
export const CATALOGUE_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/** Every user of the account in the middle of setting up the app (a pending secret). */
async function totpPendingForAll(account: TestAccount): Promise<Ids> {
  await getDb().user.updateMany({ where: { accountId: account.account.id }, data: { totpPendingSecret: seal(CATALOGUE_TOTP_SECRET) } });
  return {};
}

/** Every user of the account with the app set up (their second factor). */
async function totpForAll(account: TestAccount): Promise<Ids> {
  await getDb().user.updateMany({
    where: { accountId: account.account.id },
    data: { totpSecret: seal(CATALOGUE_TOTP_SECRET), totpEnabledAt: new Date(), twoStepEnabled: true },
  });
  return {};
}

/** The account's member passed the password step: the pending sign-in cookie of this "browser". */
function pendingSignInOfMember(account: TestAccount) {
  const member = account.users.MEMBER;
  cookieJar.set(PENDING_COOKIE, encodePendingToken({ userId: member.id, sessionVersion: member.sessionVersion, callbackUrl: "/" }));
}

export const ACTIONS: Record<string, ActionEntry> = {
  "app/(app)/actions.ts#updateMyLanguageAction": { permission: "profile.update", input: () => ({ locale: "fr" }) },
  "app/(app)/actions.ts#changeMyPasswordAction": {
    permission: "profile.update",
    input: () => ({ currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
  },
  "app/(app)/actions.ts#signOutAction": { permission: null, endsCallersSession: true, input: () => ({}) },
  "app/(app)/actions.ts#setThemeAction": { permission: null, input: () => ({ theme: "dark" }) },
  // Another session of the account's member: the member signs it out; anyone else's call (and
  // another account's id) revokes nothing, by design: the id only ever matches the caller's own rows.
  "app/(app)/actions.ts#revokeMySessionAction": {
    permission: "profile.update",
    given: async (a) => ({ sessionId: await startTestSession(a.users.MEMBER.id) }),
    input: ({ sessionId }) => ({ sessionId }),
  },
  "app/(app)/actions.ts#revokeMyOtherSessionsAction": { permission: "profile.update", input: () => ({}) },
  // The caller's own profile: nothing in the input names a user (the session does).
  "app/(app)/profile/actions.ts#updateMyProfileAction": {
    permission: "profile.update",
    input: () => ({ firstName: "Renamed", lastName: "Self", locale: "de", timeZone: "Europe/Berlin" }),
  },
  "app/sign-in/actions.ts#signInAction": {
    permission: null,
    input: (_ids, account) => ({ email: account.users.MEMBER.email, password: TEST_PASSWORD }),
  },
  "app/sign-in/actions.ts#setLocaleCookieAction": { permission: null, input: () => ({ locale: "nl" }) },
  "app/sign-in/actions.ts#ssoLookupAction": { permission: null, given: (a) => ssoAccount(a), input: ({ ssoDomain: d }) => ({ email: `ann@${d}` }) },
  // An address of a domain the account verified, its connection on: off to the identity provider.
  "app/sign-in/actions.ts#continueWithSsoAction": { permission: null, given: (a) => ssoAccount(a), input: ({ ssoDomain: d }) => ({ email: `ann@${d}`, callbackUrl: "/" }) },
  // A valid, unused setup link: still refused, for an account exists.
  "app/setup/actions.ts#completeSetupAction": {
    permission: null,
    refusedOnceAccountsExist: en.setup.closed.done,
    given: async () => {
      const token = newToken();
      await getDb().setupToken.create({ data: { tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 3_600_000) } });
      return { token };
    },
    input: ({ token }) => ({
      token, accountName: "Second Co", firstName: "Eve", lastName: "Late", email: `eve-${crypto.randomBytes(4).toString("hex")}@test.example`,
      password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD,
    }),
  },
  // The second step: public (no session yet), carried by the pending state of the member's sign-in.
  "app/sign-in/verify/actions.ts#verifyTotpSignInAction": {
    permission: null,
    given: totpForAll,
    input: (_ids, account) => {
      pendingSignInOfMember(account);
      return { code: totpCode(CATALOGUE_TOTP_SECRET) };
    },
  },
  "app/sign-in/verify/actions.ts#verifyRecoveryCodeSignInAction": {
    permission: null,
    given: async (a) => {
      await totpForAll(a);
      return { recoveryCode: (await issueRecoveryCodes(getDb(), a.users.MEMBER.id))[0] };
    },
    input: ({ recoveryCode }, account) => {
      pendingSignInOfMember(account);
      return { code: recoveryCode };
    },
  },
  // Profile › Security: the caller's own factors, whatever the role.
  "app/(app)/profile/security/actions.ts#startTotpAction": { permission: "profile.update", input: () => ({}) },
  "app/(app)/profile/security/actions.ts#confirmTotpAction": {
    permission: "profile.update",
    given: totpPendingForAll,
    input: () => ({ code: totpCode(CATALOGUE_TOTP_SECRET) }),
  },
  "app/(app)/profile/security/actions.ts#removeTotpAction": { permission: "profile.update", given: totpForAll, input: () => ({ password: TEST_PASSWORD }) },
  "app/(app)/profile/security/actions.ts#regenerateRecoveryCodesAction": { permission: "profile.update", given: totpForAll, input: () => ({}) },
  "app/sign-in/verify/passkey-actions.ts#passkeyOptionsForSignInAction": { permission: null, needsPendingSignIn: true, input: () => ({}) },
  "app/sign-in/verify/passkey-actions.ts#passkeyVerifyAction": {
    permission: null,
    needsPendingSignIn: true,
    input: () => ({ response: new SoftAuthenticator(relyingParty().origin).assert({ challenge: crypto.randomBytes(32).toString("base64url") }) }),
  },
  // Profile › Security › Passkeys: each caller acts on their own passkeys; an id of anyone else's is not found.
  "app/(app)/profile/security/passkey-actions.ts#passkeyOptionsAction": { permission: "profile.update", input: () => ({ name: "Laptop" }) },
  "app/(app)/profile/security/passkey-actions.ts#passkeyRegisterAction": {
    permission: "profile.update",
    given: passkeyChallenges,
    input: ({ challenge }) => ({ name: "Laptop", response: new SoftAuthenticator(relyingParty().origin).register({ challenge }) }),
  },
  "app/(app)/profile/security/passkey-actions.ts#passkeyRenameAction": {
    permission: "profile.update",
    given: passkeysOfEveryone,
    input: (ids, _account, role) => ({ id: ownPasskey(ids, role), name: `Renamed ${tag()}` }),
  },
  "app/(app)/profile/security/passkey-actions.ts#passkeyRemoveAction": {
    permission: "profile.update",
    given: passkeysOfEveryone,
    input: (ids, _account, role) => ({ id: ownPasskey(ids, role) }),
  },
  "app/invitations/[token]/actions.ts#acceptWelcomeInvitationAction": {
    permission: null,
    given: welcomeInvitation,
    input: ({ token }) => ({ token, firstName: "Noor", lastName: "Haddad", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
  },
  // Public: whoever asks gets the same answer; the address is looked up later, by a job.
  "app/forgot-password/actions.ts#requestPasswordResetAction": { permission: null, input: (_ids, account) => ({ email: account.users.MEMBER.email }) },
  // Public: the link's token (sent only to the user's address) is the credential.
  "app/reset-password/[token]/actions.ts#resetPasswordAction": {
    permission: null,
    given: resetLink,
    input: ({ token }) => ({ token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
  },
  // A transfer is answered by its invitee, signed in: a third account invites each of the account's
  // users (and a second holder exists, so the holder may leave); each caller answers their own.
  "app/invitations/[token]/actions.ts#acceptTransferInvitationAction": { permission: "invitations.respond", given: transfersToEveryone, input: ownTransfer },
  "app/invitations/[token]/actions.ts#declineInvitationAction": { permission: "invitations.respond", given: transfersToEveryone, input: ownTransfer },

  "app/(app)/people/users/actions.ts#bulkChangeRoleAction": {
    permission: "users.manage",
    namesUser: true,
    given: (a) => activeUser(a),
    input: (ids) => ({ ...oneUser(ids), role: "SUPPORT_STAFF" }),
  },
  "app/(app)/people/users/actions.ts#bulkChangeGroupAction": {
    permission: "users.manage",
    namesUser: true,
    given: async (a) => ({ ...(await activeUser(a)), groupId: await newGroup(a) }),
    input: (ids) => ({ ...oneUser(ids), groupId: ids.groupId }),
  },
  "app/(app)/people/users/actions.ts#bulkSuspendAction": { permission: "users.manage", namesUser: true, given: (a) => activeUser(a), input: oneUser },
  "app/(app)/people/users/actions.ts#bulkReactivateAction": {
    permission: "users.manage",
    namesUser: true,
    given: async (a) => ({ userId: (await newUser(a.account.id, { status: "SUSPENDED" })).id }),
    input: oneUser,
  },
  "app/(app)/people/users/actions.ts#bulkDeleteAction": { permission: "users.manage", namesUser: true, given: (a) => activeUser(a), input: oneUser },
  "app/(app)/people/users/actions.ts#cancelBulkJobAction": { permission: "users.manage", given: queuedBulkJob, input: ({ jobId }) => ({ jobId }) },
  "app/(app)/people/users/actions.ts#addProductsAction": {
    permission: "licences.assign",
    namesUser: true,
    given: (a) => activeUser(a),
    input: (ids) => ({ ...oneUser(ids), productCode: "central", notify: false }),
  },
  "app/(app)/people/users/actions.ts#removeProductsAction": {
    permission: "licences.assign",
    namesUser: true,
    given: (a) => activeUser(a, ["central"]),
    input: (ids) => ({ ...oneUser(ids), productCode: "central", notify: false }),
  },
  "app/(app)/people/users/actions.ts#bulkCapabilitiesAction": {
    permission: "licences.assign",
    namesUser: true,
    given: (a) => activeUser(a, ["remote-support"]),
    input: (ids) => ({ ...oneUser(ids), unattendedAccess: "on", fileManagement: "keep", remoteControl: "keep" }),
  },
  "app/(app)/people/users/actions.ts#bulkResendInvitationsAction": {
    permission: "invitations.resend",
    namesUser: true,
    given: async (a) => ({ userId: (await welcomeInvitation(a)).userId }),
    input: oneUser,
  },
  "app/(app)/people/users/new/actions.ts#addUsersAction": {
    permission: "users.manage",
    given: async (a) => ({ groupId: await newGroup(a) }),
    input: ({ groupId }) => ({ rows: [{ firstName: "New", lastName: "Person", email: `new-${tag()}@test.example` }], ...userSettings(groupId) }),
  },
  "app/(app)/people/users/[id]/actions.ts#updateUserProfileAction": {
    permission: "users.manage",
    namesUser: true,
    given: async (a) => ({ ...(await activeUser(a)), groupId: await newGroup(a) }),
    input: ({ userId, groupId }) => ({ id: userId, firstName: "Renamed", lastName: "", locale: "de", timeZone: "Europe/Berlin", groupId, role: "MEMBER" }),
  },
  "app/(app)/people/users/[id]/actions.ts#updateCapabilitiesAction": {
    permission: "licences.assign",
    namesUser: true,
    given: (a) => activeUser(a, ["remote-support"]),
    input: ({ userId }) => ({ id: userId, unattendedAccess: true, fileManagement: true, remoteControl: false }),
  },
  "app/(app)/people/users/[id]/actions.ts#resendInvitationAction": {
    permission: "invitations.resend",
    namesUser: true,
    given: async (a) => ({ userId: (await welcomeInvitation(a)).userId }),
    input: ({ userId }) => ({ userId }),
  },
  "app/(app)/people/users/[id]/actions.ts#resetTwoStepAction": {
    permission: "twoStep.reset",
    namesUser: true,
    given: (a) => activeUser(a),
    input: ({ userId }) => ({ userId }),
  },
  "app/(app)/people/users/imports/actions.ts#uploadImportAction": {
    permission: "imports.manage",
    given: async (a) => ({ groupId: await newGroup(a) }),
    input: ({ groupId }) => importForm(`First name,Email\nZoe,zoe-${tag()}@import.example\n`, importSettings(groupId)),
  },
  "app/(app)/people/users/imports/actions.ts#commitImportAction": { permission: "imports.manage", given: draftImport, input: ({ importId }) => ({ id: importId }) },
  "app/(app)/people/users/imports/actions.ts#cancelImportAction": { permission: "imports.manage", given: draftImport, input: ({ importId }) => ({ id: importId }) },
  "app/(app)/people/groups/actions.ts#createGroupAction": { permission: "groups.manage", input: () => ({ name: `Group ${tag()}` }) },
  "app/(app)/people/groups/actions.ts#renameGroupAction": {
    permission: "groups.manage",
    given: async (a) => ({ groupId: await newGroup(a) }),
    input: ({ groupId }) => ({ id: groupId, name: `Renamed ${tag()}` }),
  },
  "app/(app)/people/groups/actions.ts#deleteGroupAction": {
    permission: "groups.manage",
    given: async (a) => ({ groupId: await newGroup(a) }),
    input: ({ groupId }) => ({ id: groupId }),
  },
  "app/(app)/settings/email-templates/actions.ts#saveEmailTemplateAction": {
    permission: "templates.manage",
    given: async () => ({ kind: "welcome" }),
    input: ({ kind }) => ({ ...WELCOME_FR, kind, subject: `Bienvenue {{ firstName }} (${tag()})` }),
  },
  "app/(app)/settings/email-templates/actions.ts#resetEmailTemplateAction": {
    permission: "templates.manage",
    given: customTemplate,
    input: ({ kind }) => ({ kind, locale: "fr" }),
  },
  "app/(app)/settings/security/actions.ts#saveTwoStepPolicyAction": { permission: "security.manage", input: () => ({ policy: "EVERYONE", graceDays: "7" }) },
  "app/(app)/settings/api-tokens/actions.ts#createApiTokenAction": {
    permission: "apiTokens.manage",
    input: () => ({ name: "Deploy script", roleCeiling: "MEMBER", scopes: ["USERS", "READ_ONLY"], expires: "30" }),
  },
  "app/(app)/settings/api-tokens/actions.ts#revokeApiTokenAction": { permission: "apiTokens.manage", given: apiToken, input: ({ tokenId }) => ({ id: tokenId }) },
  "app/(app)/settings/provisioning/actions.ts#createProvisioningRuleAction": {
    permission: "licences.assign",
    given: async (a) => ({ groupId: await newGroup(a) }),
    input: ({ groupId }) => ({ groupId, product: "remote-support" }),
  },
  "app/(app)/settings/provisioning/actions.ts#deleteProvisioningRuleAction": { permission: "licences.assign", given: provisioningRule, input: ({ ruleId }) => ({ id: ruleId }) },
  "app/(app)/settings/outbox/actions.ts#retryEmailAction": { permission: "outbox.retry", given: failedEmail, input: ({ emailId }) => ({ id: emailId }) },
  "app/(app)/settings/single-sign-on/actions.ts#saveOidcConnectionAction": {
    permission: "sso.manage",
    given: async () => ({ issuer: (await ssoTestProviders()).oidc.issuer }),
    input: ({ issuer }) => ({ issuer, clientId: "central-admin", clientSecret: "a client secret", scopes: "openid email" }),
  },
  "app/(app)/settings/single-sign-on/actions.ts#saveSamlConnectionAction": {
    permission: "sso.manage",
    given: async () => ({ metadata: (await ssoTestProviders()).saml.metadataXml }),
    input: ({ metadata }) => ({ metadata }),
  },
  "app/(app)/settings/single-sign-on/actions.ts#testSsoConnectionAction": { permission: "sso.manage", given: (a) => ssoAccount(a, { enabled: false }), input: () => ({}) },
  "app/(app)/settings/single-sign-on/actions.ts#setSsoEnabledAction": { permission: "sso.manage", given: (a) => ssoAccount(a, { enabled: false }), input: () => ({ enabled: "true" }) },
  "app/(app)/settings/single-sign-on/actions.ts#saveSsoPolicyAction": { permission: "sso.manage", given: (a) => ssoAccount(a), input: () => ({ policy: "REQUIRED", jitEnabled: "on" }) },
  "app/(app)/settings/single-sign-on/actions.ts#removeSsoConnectionAction": { permission: "sso.manage", given: (a) => ssoAccount(a), input: () => ({}) },
  "app/(app)/settings/single-sign-on/actions.ts#addSsoDomainAction": { permission: "sso.manage", input: () => ({ domain: `claim-${tag()}.example` }) },
  "app/(app)/settings/single-sign-on/actions.ts#verifySsoDomainAction": { permission: "sso.manage", given: (a) => ssoDomain(a, { published: true }), input: ({ domainId }) => ({ id: domainId }) },
  "app/(app)/settings/single-sign-on/actions.ts#removeSsoDomainAction": { permission: "sso.manage", given: (a) => ssoDomain(a), input: ({ domainId }) => ({ id: domainId }) },
};

export const ROUTES: Record<string, RouteEntry> = {
  "app/api/health/route.ts#GET": { permission: null, request: () => ({ url: "/api/health" }) },
  "app/session-ended/route.ts#GET": { permission: null, status: 303, request: () => ({ url: "/session-ended" }) },
  "app/(app)/people/users/export/route.ts#GET": { permission: "users.read", request: () => ({ url: "/people/users/export" }) },
  "app/(app)/settings/audit-log/export/route.ts#GET": { permission: "audit.read", request: () => ({ url: "/settings/audit-log/export" }) },
  "app/(app)/people/users/jobs/[id]/route.ts#GET": {
    permission: "users.read",
    given: queuedBulkJob,
    request: ({ jobId }) => ({ url: `/people/users/jobs/${jobId}`, params: { id: jobId } }),
  },
  "app/(app)/people/users/import/template/route.ts#GET": { permission: "imports.manage", request: () => ({ url: "/people/users/import/template" }) },
  "app/(app)/people/users/imports/[id]/errors/route.ts#GET": {
    permission: "imports.manage",
    given: draftImport,
    request: ({ importId }) => ({ url: `/people/users/imports/${importId}/errors`, params: { id: importId } }),
  },
  // The identity provider's ways back: without a flow this browser began, each sends it to the refusal page.
  "app/sso/go/route.ts#GET": { permission: null, status: 303, request: () => ({ url: "/sso/go?state=unknown" }) },
  "app/sso/oidc/callback/route.ts#GET": { permission: null, status: 303, request: () => ({ url: "/sso/oidc/callback?code=x&state=y" }) },
  "app/sso/saml/acs/route.ts#POST": { permission: null, status: 303, request: () => ({ url: "/sso/saml/acs" }) },
  "app/sso/saml/finish/route.ts#GET": { permission: null, status: 303, request: () => ({ url: "/sso/saml/finish?state=y" }) },
  // An account's SP metadata names the account's id: an unknown one is a 404.
  "app/sso/saml/[accountId]/route.ts#GET": { permission: null, status: 404, request: () => ({ url: `/sso/saml/${crypto.randomUUID()}`, params: { accountId: crypto.randomUUID() } }) },
};

/** A REST operation's call (http/v1/operations.ts, by operation id): what it needs, and its path and body. */
export interface ApiEntry {
  given?: (account: TestAccount) => Promise<Ids>;
  request: (ids: Ids) => { method: string; path: string; body?: unknown; raw?: string; headers?: Record<string, string> };
}

const newUsersBody = () => ({
  rows: [{ firstName: "New", lastName: "User", email: `new-${tag()}@test.example` }],
  products: [], timeZone: "UTC", groupId: "none", locale: "en", role: "MEMBER",
});

export const API_OPERATIONS: Record<string, ApiEntry> = {
  listUsers: { request: () => ({ method: "GET", path: "/users?sort=email" }) },
  createUsers: { request: () => ({ method: "POST", path: "/users", body: newUsersBody() }) },
  getUser: { given: (a) => activeUser(a), request: ({ userId }) => ({ method: "GET", path: `/users/${userId}` }) },
  updateUser: { given: (a) => activeUser(a), request: ({ userId }) => ({ method: "PATCH", path: `/users/${userId}`, body: { lastName: "Renamed" } }) },
  deleteUser: { given: (a) => activeUser(a), request: ({ userId }) => ({ method: "DELETE", path: `/users/${userId}` }) },
  suspendUser: { given: (a) => activeUser(a), request: ({ userId }) => ({ method: "POST", path: `/users/${userId}/suspend` }) },
  resendInvitation: { given: async (a) => ({ userId: (await welcomeInvitation(a)).userId }), request: ({ userId }) => ({ method: "POST", path: `/users/${userId}/invitation` }) },
  addUserProduct: { given: (a) => activeUser(a), request: ({ userId }) => ({ method: "POST", path: `/users/${userId}/products`, body: { product: "central" } }) },
  removeUserProduct: { given: (a) => activeUser(a, ["central"]), request: ({ userId }) => ({ method: "DELETE", path: `/users/${userId}/products/central` }) },
  getUserCapabilities: { given: (a) => activeUser(a, ["remote-support"]), request: ({ userId }) => ({ method: "GET", path: `/users/${userId}/capabilities` }) },
  updateUserCapabilities: {
    given: (a) => activeUser(a, ["remote-support"]),
    request: ({ userId }) => ({ method: "PATCH", path: `/users/${userId}/capabilities`, body: { remoteControl: false } }),
  },
  listSubscriptions: { request: () => ({ method: "GET", path: "/subscriptions" }) },
  listGroups: { given: async (a) => ({ groupId: await newGroup(a) }), request: () => ({ method: "GET", path: "/groups" }) },
  createGroup: { request: () => ({ method: "POST", path: "/groups", body: { name: `Group ${tag()}` } }) },
  renameGroup: { given: async (a) => ({ groupId: await newGroup(a) }), request: ({ groupId }) => ({ method: "PATCH", path: `/groups/${groupId}`, body: { name: `Renamed ${tag()}` } }) },
  deleteGroup: { given: async (a) => ({ groupId: await newGroup(a) }), request: ({ groupId }) => ({ method: "DELETE", path: `/groups/${groupId}` }) },
  listAuditEvents: { request: () => ({ method: "GET", path: "/audit-events" }) },
  uploadImport: {
    request: () => ({ method: "POST", path: "/imports?role=MEMBER", raw: `First name,Email\nZoe,zoe-${tag()}@import.example\n`, headers: { "content-type": "text/csv" } }),
  },
  listImports: { given: draftImport, request: () => ({ method: "GET", path: "/imports" }) },
  getImport: { given: draftImport, request: ({ importId }) => ({ method: "GET", path: `/imports/${importId}` }) },
  commitImport: { given: draftImport, request: ({ importId }) => ({ method: "POST", path: `/imports/${importId}/commit` }) },
  cancelImport: { given: draftImport, request: ({ importId }) => ({ method: "DELETE", path: `/imports/${importId}` }) },
  reactivateUser: {
    given: async (a) => ({ userId: (await newUser(a.account.id, { status: "SUSPENDED" })).id }),
    request: ({ userId }) => ({ method: "POST", path: `/users/${userId}/reactivate` }),
  },
};

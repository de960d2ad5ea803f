import "server-only";
import crypto from "node:crypto";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { NotFoundError, UserFacingError } from "@/lib/actions/errors";
import { appUrl } from "@/lib/app-url";
import { assertPolicyAllowsNoFactor, syncTwoStepEnabled } from "@/lib/auth/two-step";
import type { Db, Tx } from "@/lib/db/client";
import type { AuthenticationResponseInput, RegistrationResponseInput } from "@/lib/validation/passkeys";

// Passkeys (WebAuthn) as a second factor: registration by a signed-in user, and the assertion that
// completes a pending sign-in. No HTTP here: the actions pass the database and the user. Key
// material (public keys, credential ids, challenges) never leaves this module in a result.

type Purpose = "register" | "authenticate";

/** How long the browser has to answer a challenge; the stored row lives as long. */
export const CHALLENGE_MINUTES = 5;
const TIMEOUT_MS = CHALLENGE_MINUTES * 60_000;

/**
 * The relying party, from APP_URL only (never from the request's Host): the ID is its host name,
 * the expected origin its origin. WebAuthn refuses IP addresses, so a test app is served on localhost.
 */
export function relyingParty(): { id: string; origin: string; name: string } {
  const url = new URL(appUrl());
  return { id: url.hostname, origin: url.origin, name: "Central Admin" };
}

/** A user's passkey as the Security tab lists it: no key material. */
export interface PasskeyView {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export function listPasskeys(db: Db | Tx, userId: string): Promise<PasskeyView[]> {
  return db.passkey.findMany({
    where: { userId },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

async function credentialsOf(db: Db | Tx, userId: string) {
  const rows = await db.passkey.findMany({ where: { userId }, select: { credentialId: true, transports: true }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => ({ id: row.credentialId, transports: row.transports as AuthenticatorTransportFuture[] }));
}

/** Replaces the user's challenge for this purpose: one live challenge per user and purpose. */
async function storeChallenge(db: Db | Tx, userId: string, purpose: Purpose, challenge: string) {
  await db.webAuthnChallenge.deleteMany({ where: { userId, purpose } });
  await db.webAuthnChallenge.create({ data: { userId, purpose, challenge, expiresAt: new Date(Date.now() + TIMEOUT_MS) } });
}

/**
 * Takes the user's challenges for this purpose (one, unless two option requests raced) in one
 * DELETE … RETURNING and returns those still live. Whoever deletes a row owns it: a replayed or
 * concurrent second answer finds nothing and is refused. Expired rows go with it.
 */
async function consumeChallenges(db: Db | Tx, userId: string, purpose: Purpose): Promise<string[]> {
  const rows = await db.$queryRaw<{ challenge: string; expiresAt: Date }[]>`
    DELETE FROM "WebAuthnChallenge" WHERE "userId" = ${userId}::uuid AND purpose = ${purpose} RETURNING challenge, "expiresAt"`;
  const now = Date.now();
  return rows.filter((row) => row.expiresAt.getTime() > now).map((row) => row.challenge);
}

/** Profile › Security › Add a passkey: options for the browser; the user's passkeys are excluded (no duplicates). */
export async function passkeyRegistrationOptions(
  db: Db | Tx,
  user: { id: string; email: string; firstName: string; lastName: string },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const rp = relyingParty();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    // The same handle for every passkey of the user: an authenticator replaces its own earlier one.
    userID: new TextEncoder().encode(user.id),
    userDisplayName: `${user.firstName} ${user.lastName}`.trim() || user.email,
    timeout: TIMEOUT_MS,
    attestationType: "none",
    excludeCredentials: await credentialsOf(db, user.id),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await storeChallenge(db, user.id, "register", options.challenge);
  return options;
}

/**
 * Verifies the browser's answer to the user's registration challenge and stores the passkey under
 * `name` (already validated), then updates twoStepEnabled — in the caller's transaction. Throws a
 * UserFacingError when the answer doesn't verify (wrong, expired or used challenge, another origin)
 * or the credential is already registered.
 */
export async function registerPasskey(db: Tx, userId: string, name: string, response: RegistrationResponseInput): Promise<{ id: string; name: string }> {
  const challenges = await consumeChallenges(db, userId, "register");
  if (challenges.length === 0) throw new UserFacingError("errors.passkeyNotVerified");
  const rp = relyingParty();
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: (challenge) => challenges.includes(challenge),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
  } catch {
    // The library's message may quote the response: never passed on or logged.
    throw new UserFacingError("errors.passkeyNotVerified");
  }
  if (!verification.verified) throw new UserFacingError("errors.passkeyNotVerified");
  const { credential } = verification.registrationInfo;
  const id = crypto.randomUUID();
  // ON CONFLICT DO NOTHING: a credential already stored (this user's or anyone's) is refused, not a 500.
  const { count } = await db.passkey.createMany({
    data: [{
      id,
      userId,
      credentialId: credential.id,
      publicKey: Uint8Array.from(credential.publicKey),
      counter: BigInt(credential.counter),
      transports: credential.transports ?? [],
      name,
    }],
    skipDuplicates: true,
  });
  if (count === 0) throw new UserFacingError("errors.passkeyAlreadyAdded");
  await syncTwoStepEnabled(db, userId);
  return { id, name };
}

/** Renames one of the user's own passkeys; another user's id (or none) is NotFoundError. */
export async function renamePasskey(db: Db | Tx, userId: string, id: string, name: string): Promise<{ id: string; before: string; name: string }> {
  const passkey = await db.passkey.findFirst({ where: { id, userId }, select: { name: true } });
  if (!passkey) throw new NotFoundError();
  const { count } = await db.passkey.updateMany({ where: { id, userId }, data: { name } });
  if (count === 0) throw new NotFoundError();
  return { id, before: passkey.name, name };
}

/**
 * Removes one of the user's own passkeys (another user's id: NotFoundError), then updates
 * twoStepEnabled; the last factor of a user the account's policy covers can't go (the error
 * rolls the removal back). Call it in a transaction.
 */
export async function removePasskey(db: Tx, userId: string, id: string): Promise<{ id: string; name: string; twoStepEnabled: boolean }> {
  const [removed] = await db.$queryRaw<{ name: string }[]>`
    DELETE FROM "Passkey" WHERE id = ${id}::uuid AND "userId" = ${userId}::uuid RETURNING name`;
  if (!removed) throw new NotFoundError();
  const twoStepEnabled = await syncTwoStepEnabled(db, userId);
  if (!twoStepEnabled) await assertPolicyAllowsNoFactor(db, userId);
  return { id, name: removed.name, twoStepEnabled };
}

/**
 * Options for the second step of sign-in: the pending user's passkeys only. A user without a
 * passkey gets a UserFacingError (the page then offers their other methods).
 */
export async function passkeySignInOptions(db: Db | Tx, userId: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const allowCredentials = await credentialsOf(db, userId);
  if (allowCredentials.length === 0) throw new UserFacingError("errors.noPasskey");
  const options = await generateAuthenticationOptions({ rpID: relyingParty().id, allowCredentials, userVerification: "preferred", timeout: TIMEOUT_MS });
  await storeChallenge(db, userId, "authenticate", options.challenge);
  return options;
}

/**
 * The second step of sign-in with a passkey: true when `response` is a valid assertion by one of
 * THIS user's passkeys over their live sign-in challenge (taken, so it can't be used twice) with a
 * counter that moved forward (or a passkey that keeps none: 0). Updates the counter and lastUsedAt.
 * Anything else — another user's credential, a replay, a counter that went back — is false.
 */
export async function verifyPasskeySignIn(db: Db | Tx, userId: string, response: AuthenticationResponseInput): Promise<boolean> {
  const challenges = await consumeChallenges(db, userId, "authenticate");
  if (challenges.length === 0) return false;
  const passkey = await db.passkey.findFirst({ where: { userId, credentialId: response.id } });
  if (!passkey) return false;
  const rp = relyingParty();
  let newCounter: number;
  try {
    const verification = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: (challenge) => challenges.includes(challenge),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: Number(passkey.counter),
        transports: passkey.transports as AuthenticatorTransportFuture[],
      },
      requireUserVerification: false,
    });
    // The library refuses a counter that didn't move forward (when either side keeps one).
    if (!verification.verified) return false;
    newCounter = verification.authenticationInfo.newCounter;
  } catch {
    return false;
  }
  // Only if nobody moved the counter meanwhile: two answers racing on one passkey, one wins.
  const { count } = await db.passkey.updateMany({
    where: { id: passkey.id, userId, counter: passkey.counter },
    data: { counter: BigInt(newCounter), lastUsedAt: new Date() },
  });
  return count === 1;
}

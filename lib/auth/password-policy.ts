import "server-only";
import { dictionary } from "@zxcvbn-ts/language-common";
import { UserFacingError } from "@/lib/actions/errors";

// Server-only on purpose: the list is ~50,000 passwords (≈400 kB). The zod schema of a new password
// (lib/validation/password.ts) is shared with the forms and keeps the rules a browser can check.

let common: Set<string> | undefined;

/**
 * The common passwords of zxcvbn-ts (@zxcvbn-ts/language-common "passwords-common": ~49,000 from
 * leaked-password frequency lists, lower-case), decompressed once, on first use.
 */
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common;
}

/**
 * A password anyone would try first: one of the common passwords (case-insensitive, after
 * trimming), or a short unit or a common password repeated ("111111111111", "abcabcabcabc",
 * "qwertyqwerty") — the list holds few passwords of 12 characters or more, repetitions pad them.
 */
export function isCommonPassword(password: string): boolean {
  const candidate = password.trim().toLowerCase();
  if (commonPasswords().has(candidate)) return true;
  const unit = /^(.+?)\1+$/su.exec(candidate)?.[1];
  return unit !== undefined && ([...unit].length <= 4 || commonPasswords().has(unit));
}

/** Whether the password contains the email's local part (case-insensitive; ignored under 3 characters). */
export function containsEmailLocalPart(password: string, email: string): boolean {
  const local = email.slice(0, Math.max(0, email.lastIndexOf("@"))).toLowerCase();
  return local.length >= 3 && password.toLowerCase().includes(local);
}

/**
 * The rules of a new password that need the server (the list) or the user (their email), on top of
 * the schema's: refused at the form's `field` with a message saying why.
 */
export function assertNewPasswordAllowed(password: string, email: string, field = "password"): void {
  if (isCommonPassword(password)) throw new UserFacingError("validation.passwordCommon", {}, field);
  if (containsEmailLocalPart(password, email)) throw new UserFacingError("validation.passwordContainsEmail", {}, field);
}

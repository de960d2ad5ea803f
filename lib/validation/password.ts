// Password rules, for every form that takes one: sign in, accept an invitation, change password.
import { z } from "zod";
import { PASSWORD_MIN_LENGTH } from "@/lib/validation/password-length";
import { storableText } from "@/lib/validation/text";

export { PASSWORD_MIN_LENGTH };

/** A password as given to be checked (sign-in, the current one): anything up to 1,024 characters. */
export const givenPassword = z.string({ error: "validation.required" }).min(1, { error: "validation.required" }).max(1024, { error: "validation.tooLong" });

export const newPassword = z
  .string({ error: "validation.required" })
  .min(1, { error: "validation.required" })
  .min(PASSWORD_MIN_LENGTH, { error: "validation.passwordTooShort" })
  .max(1024, { error: "validation.tooLong" })
  // One line: a password field can't type a line break or a tab, so such a password could never be given again.
  .superRefine(storableText("one"));

export const confirmed = <T extends { password?: string; confirmPassword?: string }>(v: T) => v.password === v.confirmPassword;
export const mismatch = { error: "validation.passwordMismatch", path: ["confirmPassword"] };

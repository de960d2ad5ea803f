import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";
import { confirmed, givenPassword, mismatch, newPassword } from "@/lib/validation/password";
import { userProfileSchema } from "@/lib/validation/users";

export const languageSchema = z.object({
  locale: z.enum(LOCALES, { error: "validation.invalid" }),
});

/** My profile: the fields a user edits about themself, with the rules of an admin's edit of them. */
export const myProfileSchema = userProfileSchema.pick({ firstName: true, lastName: true, locale: true, timeZone: true });

/** Profile › Change password: the current password, then the new one twice. */
export const changePasswordSchema = z
  .object({
    currentPassword: givenPassword,
    password: newPassword,
    confirmPassword: z.string({ error: "validation.required" }),
  })
  .refine(confirmed, mismatch);

/** Profile › Active sessions › Sign out: which of the caller's sessions (checked against theirs on the server). */
export const revokeSessionSchema = z.object({
  sessionId: z.uuid({ error: "validation.invalid" }),
});

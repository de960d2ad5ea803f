import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";
import { confirmed, givenPassword, mismatch, newPassword } from "@/lib/validation/password";

export const languageSchema = z.object({
  locale: z.enum(LOCALES, { error: "validation.invalid" }),
});

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

import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";
import { confirmed, mismatch, newPassword } from "@/lib/validation/invitations";

export const languageSchema = z.object({
  locale: z.enum(LOCALES, { error: "validation.invalid" }),
});

/** Profile › Change password: the current password, then the new one twice. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "validation.required" }).min(1, { error: "validation.required" }).max(1024, { error: "validation.tooLong" }),
    password: newPassword,
    confirmPassword: z.string({ error: "validation.required" }),
  })
  .refine(confirmed, mismatch);

import { z } from "zod";
import { TOKEN_PATTERN } from "@/lib/invitations/tokens";
import { storableText } from "@/lib/validation/text";
import { userProfileSchema } from "@/lib/validation/users";

export const PASSWORD_MIN_LENGTH = 12;

export const invitationTokenSchema = z.string().regex(TOKEN_PATTERN, { error: "validation.invalid" });

export const newPassword = z
  .string({ error: "validation.required" })
  .min(1, { error: "validation.required" })
  .min(PASSWORD_MIN_LENGTH, { error: "validation.passwordTooShort" })
  .max(1024, { error: "validation.tooLong" })
  // One line: a password field can't type a line break or a tab, so such a password could never be given again.
  .superRefine(storableText("one"));

export const confirmed = <T extends { password?: string; confirmPassword?: string }>(v: T) => v.password === v.confirmPassword;
export const mismatch = { error: "validation.passwordMismatch", path: ["confirmPassword"] };

/** A new user accepting their welcome invitation: their names as they want them, and a password. */
export const acceptWelcomeSchema = userProfileSchema
  .pick({ firstName: true, lastName: true })
  .extend({ token: invitationTokenSchema, password: newPassword, confirmPassword: z.string({ error: "validation.required" }) })
  .refine(confirmed, mismatch);

const optionalText = z.preprocess((v) => (v === "" ? undefined : v), z.string().max(1024, { error: "validation.tooLong" }).optional());

/**
 * A user of another account accepting a transfer: their current password when they have one, else
 * a new one (the data layer knows which the user needs and asks for the missing one).
 */
export const acceptTransferSchema = z
  .object({
    token: invitationTokenSchema,
    currentPassword: optionalText,
    password: z.preprocess((v) => (v === "" ? undefined : v), newPassword.optional()),
    confirmPassword: optionalText,
  })
  .refine((v) => v.password === undefined || confirmed(v), mismatch);

export const declineInvitationSchema = z.object({ token: invitationTokenSchema });

export const resendInvitationSchema = z.object({ userId: z.uuid({ error: "validation.invalid" }) });

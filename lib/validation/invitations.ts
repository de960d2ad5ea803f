import { z } from "zod";
import { TOKEN_PATTERN } from "@/lib/invitations/tokens";
import { confirmed, mismatch, newPassword } from "@/lib/validation/password";
import { userProfileSchema } from "@/lib/validation/users";

export const invitationTokenSchema = z.string().regex(TOKEN_PATTERN, { error: "validation.invalid" });


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

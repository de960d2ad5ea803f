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

/** A signed-in user answering a transfer invitation sent to them: accept or decline, nothing else to give. */
export const answerTransferSchema = z.object({ token: invitationTokenSchema });

export const resendInvitationSchema = z.object({ userId: z.uuid({ error: "validation.invalid" }) });

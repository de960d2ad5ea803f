import { z } from "zod";
import { TOKEN_PATTERN } from "@/lib/invitations/tokens";
import { emailSchema } from "@/lib/validation/auth";
import { confirmed, mismatch, newPassword } from "@/lib/validation/password";

/** "Forgot password?": the address only. */
export const forgotPasswordSchema = z.object({ email: emailSchema });

/** A new password through a reset link, given twice; a token of the wrong shape is refused before any query. */
export const resetPasswordSchema = z
  .object({
    token: z.string({ error: "validation.invalid" }).regex(TOKEN_PATTERN, { error: "validation.invalid" }),
    password: newPassword,
    confirmPassword: z.string({ error: "validation.required" }),
  })
  .refine(confirmed, mismatch);

import { z } from "zod";
import { emailSchema } from "@/lib/validation/auth";
import { confirmed, mismatch, newPassword } from "@/lib/validation/password";
import { lineText } from "@/lib/validation/text";
import { userProfileSchema } from "@/lib/validation/users";

export const ACCOUNT_NAME_MAX_LENGTH = 100;

export const accountNameSchema = lineText(ACCOUNT_NAME_MAX_LENGTH).min(1, { error: "validation.required" });

/**
 * The first-run form: the account's name and its holder. The token's shape is checked by the data
 * layer (lib/setup/complete-setup.ts), which says what is wrong with the link as a form message.
 */
export const setupSchema = userProfileSchema
  .pick({ firstName: true, lastName: true })
  .extend({
    token: z.string({ error: "validation.required" }).max(200, { error: "validation.tooLong" }),
    accountName: accountNameSchema,
    email: emailSchema,
    password: newPassword,
    confirmPassword: z.string({ error: "validation.required" }),
  })
  .refine(confirmed, mismatch);

/** `npm run account:create` arguments: an account and the address of its (invited) holder. */
export const accountCreateSchema = z.object({
  name: accountNameSchema,
  holder: emailSchema,
  firstName: lineText(50).optional(),
  lastName: lineText(50).optional(),
  locale: userProfileSchema.shape.locale.optional(),
});

export type AccountCreateInput = z.output<typeof accountCreateSchema>;

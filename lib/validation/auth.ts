import { z } from "zod";
import { givenPassword } from "@/lib/validation/password";

export const emailSchema = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, { error: "validation.required" })
  .max(254, { error: "validation.tooLong" })
  .pipe(z.email({ error: "validation.email" }))
  .transform((email) => email.toLowerCase());

export const signInSchema = z.object({
  email: emailSchema,
  password: givenPassword,
});

/** Only same-site relative paths may be returned to after sign-in. */
export const callbackPathSchema = z
  .string()
  .regex(/^\/(?![/\\])[^\s]*$/)
  .catch("/");

// The codes of two-step verification, as typed: spaces and dashes (how apps and printouts group
// them) are dropped before the check, so "123 456" and "abcde-fghjk" are accepted.
import { z } from "zod";
import { givenPassword } from "@/lib/validation/password";

const typed = z
  .string({ error: "validation.required" })
  .max(64, { error: "validation.tooLong" })
  .transform((code) => code.replace(/[\s-]/g, ""))
  .pipe(z.string().min(1, { error: "validation.required" }));

/** An authenticator app's code: 6 digits once spaces and dashes are gone. */
export const totpCodeSchema = typed.pipe(z.string().regex(/^\d{6}$/, { error: "validation.totpCode" }));

/** The letters and digits recovery codes are made of: none that read alike (0/o, 1/l/i). */
export const RECOVERY_CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
export const RECOVERY_CODE_LENGTH = 10;

/** A recovery code: 10 characters of the alphabet (any case) once spaces and dashes are gone. */
export const recoveryCodeSchema = typed.pipe(
  z
    .string()
    .transform((code) => code.toLowerCase())
    .pipe(z.string().regex(new RegExp(`^[${RECOVERY_CODE_ALPHABET}]{${RECOVERY_CODE_LENGTH}}$`), { error: "validation.recoveryCode" })),
);

export const totpConfirmSchema = z.object({ code: totpCodeSchema });

/** Removing the authenticator app is confirmed with the password (decision 0020). */
export const totpRemoveSchema = z.object({ password: givenPassword });

export const totpSignInSchema = z.object({ code: totpCodeSchema });
export const recoveryCodeSignInSchema = z.object({ code: recoveryCodeSchema });

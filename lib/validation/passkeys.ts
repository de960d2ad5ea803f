import { z } from "zod";
import { PASSKEY_NAME_MAX_LENGTH } from "@/lib/validation/passkey-limits";
import { lineText } from "@/lib/validation/text";

export { PASSKEY_NAME_MAX_LENGTH };

/**
 * A passkey's name ("Laptop", "YubiKey 5"): one line, 1–60 characters, no control characters.
 * Bidi marks are text like in every other name (decision 0014): stored as typed, isolated where shown.
 */
export const passkeyNameSchema = lineText(PASSKEY_NAME_MAX_LENGTH).min(1, { error: "validation.required" });

const passkeyIdSchema = z.uuid({ error: "validation.invalid" });

/** base64url as the browser sends WebAuthn's binary fields; bounded so a hostile body stays small. */
const base64url = (max: number) => z.string().max(max).regex(/^[A-Za-z0-9_-]*$/);
const TRANSPORTS = ["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"] as const;

const credentialFields = {
  id: base64url(1400).min(1),
  rawId: base64url(1400).min(1),
  type: z.literal("public-key"),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.looseObject({}).default({}),
};

/** What @simplewebauthn/browser's startRegistration returns (RegistrationResponseJSON). */
export const registrationResponseSchema = z.object(
  {
    ...credentialFields,
    response: z.object({
      clientDataJSON: base64url(4096),
      attestationObject: base64url(65536),
      authenticatorData: base64url(65536).optional(),
      publicKey: base64url(4096).optional(),
      publicKeyAlgorithm: z.number().int().optional(),
      // Unknown transports a newer browser reports are dropped, not refused.
      transports: z.array(z.string().max(32)).max(16).optional().transform((list) => list?.filter((t): t is (typeof TRANSPORTS)[number] => (TRANSPORTS as readonly string[]).includes(t))),
    }),
  },
  { error: "validation.invalid" },
);

/** What @simplewebauthn/browser's startAuthentication returns (AuthenticationResponseJSON). */
export const authenticationResponseSchema = z.object(
  {
    ...credentialFields,
    response: z.object({
      clientDataJSON: base64url(4096),
      authenticatorData: base64url(65536),
      signature: base64url(2048),
      userHandle: base64url(1024).optional(),
    }),
  },
  { error: "validation.invalid" },
);

export type RegistrationResponseInput = z.output<typeof registrationResponseSchema>;
export type AuthenticationResponseInput = z.output<typeof authenticationResponseSchema>;

/** Profile › Security › Add a passkey, first step: the name is checked before the browser asks for the passkey. */
export const passkeyOptionsSchema = z.object({ name: passkeyNameSchema });
export const registerPasskeySchema = z.object({ name: passkeyNameSchema, response: registrationResponseSchema });
export const renamePasskeySchema = z.object({ id: passkeyIdSchema, name: passkeyNameSchema });
export const removePasskeySchema = z.object({ id: passkeyIdSchema });
export const passkeySignInSchema = z.object({ response: authenticationResponseSchema });

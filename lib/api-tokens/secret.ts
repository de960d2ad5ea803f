// An API token's secret: made and digested here, with no server-only marker, so scripts and the
// end-to-end tests can make a token as Settings › API tokens does.
import crypto from "node:crypto";

/** `ca_` and 32 random bytes in base64url (43 characters): a prefix secret scanners can match. */
export const SECRET_PATTERN = /^ca_[A-Za-z0-9_-]{43}$/;

export function newSecret(): string {
  return `ca_${crypto.randomBytes(32).toString("base64url")}`;
}

/** What is stored of a secret: its SHA-256, in hex. */
export const secretDigest = (secret: string) => crypto.createHash("sha256").update(secret).digest("hex");

// Secrets kept at rest (authenticator app keys) are sealed with AES-256-GCM under a key derived
// from ENCRYPTION_KEY, else AUTH_SECRET (HKDF-SHA256). A sealed value names its key's version
// ("v1."), so a later key can open the old ones while they are re-sealed. See decision 0020.
import crypto from "node:crypto";

const VERSION = "v1";

function key(): Buffer {
  const material = process.env.ENCRYPTION_KEY || process.env.AUTH_SECRET;
  if (!material) throw new Error("ENCRYPTION_KEY or AUTH_SECRET must be set to keep secrets at rest.");
  return Buffer.from(crypto.hkdfSync("sha256", material, "central-admin", "secret-box v1", 32));
}

/** `v1.<iv>.<ciphertext+tag>`, base64url: a fresh 12-byte IV each time. */
export function seal(plaintext: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, iv.toString("base64url"), sealed.toString("base64url")].join(".");
}

/** The plaintext of a sealed value; throws when it was sealed under another key or altered. */
export function open(sealed: string): string {
  const [version, iv, body] = sealed.split(".");
  if (version !== VERSION || !iv || !body) throw new Error("Not a sealed value of this version.");
  const data = Buffer.from(body, "base64url");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString("utf8");
}

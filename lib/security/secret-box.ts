// Secrets kept at rest (authenticator app keys) are sealed with AES-256-GCM under a key derived
// from ENCRYPTION_KEY, else AUTH_SECRET (HKDF-SHA256). While a key is being rotated,
// ENCRYPTION_KEY_PREVIOUS holds the old material: values sealed under it still open (and are
// re-sealed under the new key when next used), digests under it still match. See decision 0020.
import crypto from "node:crypto";

const VERSION = "v1";

/** The key materials in use: the current one first, then the previous one while rotating. */
function materials(): string[] {
  const current = process.env.ENCRYPTION_KEY || process.env.AUTH_SECRET;
  if (!current) throw new Error("ENCRYPTION_KEY or AUTH_SECRET must be set to keep secrets at rest.");
  const previous = process.env.ENCRYPTION_KEY_PREVIOUS;
  return previous && previous !== current ? [current, previous] : [current];
}

const derive = (material: string, info: string) => Buffer.from(crypto.hkdfSync("sha256", material, "central-admin", info, 32));
const sealingKey = (material: string) => derive(material, "secret-box v1");

/** `v1.<iv>.<ciphertext+tag>`, base64url: a fresh 12-byte IV each time, under the current key. */
export function seal(plaintext: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", sealingKey(materials()[0]), iv);
  const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, iv.toString("base64url"), sealed.toString("base64url")].join(".");
}

/**
 * The plaintext of a sealed value, and whether it was sealed under the current key (false: under
 * ENCRYPTION_KEY_PREVIOUS, so the caller should store it re-sealed). Throws when no key opens it.
 */
export function openSealed(sealed: string): { plaintext: string; current: boolean } {
  const [version, iv, body] = sealed.split(".");
  if (version !== VERSION || !iv || !body) throw new Error("Not a sealed value of this version.");
  const data = Buffer.from(body, "base64url");
  const keys = materials();
  for (const [index, material] of keys.entries()) {
    try {
      const decipher = crypto.createDecipheriv("aes-256-gcm", sealingKey(material), Buffer.from(iv, "base64url"));
      decipher.setAuthTag(data.subarray(data.length - 16));
      const plaintext = Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString("utf8");
      return { plaintext, current: index === 0 };
    } catch {
      // The tag didn't match under this key: try the previous one.
    }
  }
  throw new Error("No key in use opens this sealed value.");
}

/** The plaintext of a sealed value; throws when it was sealed under another key or altered. */
export function open(sealed: string): string {
  return openSealed(sealed).plaintext;
}

/**
 * Keyed digests (HMAC-SHA256, hex) of a value under a key derived for `purpose`: one per key in use,
 * the current one first. Store the first; look a value up by all of them (a key being rotated).
 */
export function keyedDigests(purpose: string, value: string): string[] {
  return materials().map((material) => crypto.createHmac("sha256", derive(material, `digest ${purpose}`)).update(value).digest("hex"));
}

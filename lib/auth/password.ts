import { hash, verify } from "@node-rs/argon2";

// argon2id with the library defaults (19 MiB, t=2): OWASP's recommended minimum.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// A hash of a random string, verified when the email is unknown so both paths cost the same.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$bm90LWEtcmVhbC1zYWx0$3Cy3Fq1kV0v0H3ZEZ1r3eJ0tQ3dXb3JkLXRpbWluZw";

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash ?? DUMMY_HASH, password);
  } catch {
    return false;
  }
}

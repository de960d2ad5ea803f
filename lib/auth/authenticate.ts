import "server-only";
import { verifyPassword } from "@/lib/auth/password";
import { getDb, type Db } from "@/lib/db/client";
import { signInSchema } from "@/lib/validation/auth";

/**
 * Checks an email and password. Unknown email, wrong password, suspended user and a user without
 * a password (still invited) all answer null after the same argon2 work, so the answer and its
 * timing don't reveal whether the email exists.
 */
export async function authenticate(db: Db, email: string, password: string) {
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, passwordHash: true, status: true, sessionVersion: true },
  });
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !valid || user.status !== "ACTIVE") return null;
  return { id: user.id, sessionVersion: user.sessionVersion };
}

/** What the sign-in form sent (Auth.js's credentials, unchecked): the user it signs in, or null. */
export async function authorizeCredentials(raw: unknown) {
  const parsed = signInSchema.safeParse(raw);
  return parsed.success ? authenticate(getDb(), parsed.data.email, parsed.data.password) : null;
}

// What the server log says about sign-ins: one JSON line per failed sign-in, never the email (its
// domain only) nor anything typed as a password, and one line for each other Auth.js error instead
// of its default multi-line stack trace. The audit log keeps the full story in the account.
import type { NextAuthConfig } from "next-auth";

export interface SignInFailureLine {
  /** Why: the sign-in form's check ("password", "suspended", "inactive", "limited", "secondStep"), or "credentials" from Auth.js. */
  reason: string;
  /** As typed; only its domain is written. */
  email?: string;
  ip?: string;
  /** The second step's method, when that step failed. */
  method?: string;
}

/** "ann@Example.com" → "example.com"; nothing for a value without an @. */
export function emailDomain(email: string | undefined): string | undefined {
  const at = email?.lastIndexOf("@") ?? -1;
  return email && at >= 0 ? email.slice(at + 1).trim().toLowerCase().slice(0, 253) || undefined : undefined;
}

export function signInFailureLine({ reason, email, ip, method }: SignInFailureLine): string {
  return JSON.stringify({ event: "sign_in_failed", reason, emailDomain: emailDomain(email), ip, method, at: new Date().toISOString() });
}

export function logSignInFailure(failure: SignInFailureLine): void {
  console.warn(signInFailureLine(failure));
}

type AuthLogger = NonNullable<NextAuthConfig["logger"]>;

/** Auth.js's `logger`: each error is one JSON line; a refused credentials sign-in is a sign_in_failed line. */
export const authLogger: AuthLogger = {
  error(error) {
    const type = "type" in error && typeof error.type === "string" ? error.type : error.name;
    if (type === "CredentialsSignin") return logSignInFailure({ reason: "credentials" });
    console.error(JSON.stringify({ event: "auth_error", type, message: error.message, at: new Date().toISOString() }));
  },
  warn(code) {
    console.warn(JSON.stringify({ event: "auth_warning", code, at: new Date().toISOString() }));
  },
  debug() {},
};

import "server-only";
import { appUrl } from "@/lib/app-url";
import { positiveInteger, positiveNumber } from "@/lib/env";

const HOUR_MS = 3_600_000;

/** Read at call time, so tests may change them. */
export function passwordResetSettings() {
  return {
    /** How long a reset link works (PASSWORD_RESET_MINUTES, 30 by default). */
    ttlMs: positiveNumber("PASSWORD_RESET_MINUTES", 30) * 60_000,
    /** Requests per address and per client address in any hour; beyond them the answer is the same and nothing is sent. */
    perEmail: positiveInteger("PASSWORD_RESETS_PER_EMAIL", 5),
    perIp: positiveInteger("PASSWORD_RESETS_PER_IP", 20),
    windowMs: HOUR_MS,
  };
}

/** Always from APP_URL: never from the request's Host or X-Forwarded-Host, which a client writes. */
export const resetPasswordUrl = (token: string) => `${appUrl()}/reset-password/${token}`;
export const signInUrl = () => `${appUrl()}/sign-in`;

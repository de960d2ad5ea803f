// No `server-only` marker: Playwright fixtures issue invitations through lib/invitations too.
import crypto from "node:crypto";
import { appUrl } from "@/lib/app-url";
import { positiveInteger, positiveNumber } from "@/lib/env";

/** A link token: 32 random bytes, URL-safe. Only its hash is stored. */
export function newToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** Tokens we issue are 43 URL-safe characters; anything else is refused before a query. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;


/** Read at call time, so tests may change them. */
export function invitationSettings() {
  return {
    ttlMs: positiveNumber("INVITATION_TTL_HOURS", 24 * 7) * 3_600_000,
    resendIntervalMs: positiveNumber("INVITATION_RESEND_MINUTES", 5) * 60_000,
    resendsPerHour: positiveNumber("INVITATION_RESENDS_PER_HOUR", 100),
  };
}

/** Transfer invitations (to people of other accounts) an account may send in any 24 hours. */
export const transferInvitationsPerDay = () => positiveInteger("TRANSFER_INVITATIONS_PER_DAY", 50);

export const invitationUrl = (token: string) => `${appUrl()}/invitations/${token}`;

/**
 * What a stored email holds where its link's token goes (never a valid token: not 43 characters):
 * invitations and password resets. Settings > Outbox shows the email with it; delivery swaps in
 * the token (decisions 0009, 0019).
 */
export const LINK_TOKEN_PLACEHOLDER = "link-sent-only-to-the-recipient";

/** The pages whose links carry a token sent only to the recipient. */
const TOKEN_LINK_PAGES = ["/invitations/", "/reset-password/"] as const;

/** The message as sent: the placeholder of every invitation or reset link replaced by the token. */
export const withLinkToken = (message: string, token: string) =>
  TOKEN_LINK_PAGES.reduce((text, page) => text.replaceAll(`${page}${LINK_TOKEN_PLACEHOLDER}`, `${page}${token}`), message);

import "server-only";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/config";
import { getCurrentUser } from "@/lib/auth/current-user";
import { clearPendingSignIn } from "@/lib/auth/pending-sign-in";
import { grantSignIn } from "@/lib/auth/sign-in-grants";
import { recordAuditEvents } from "@/lib/audit/record";
import { getDb } from "@/lib/db/client";
import { findConnectionById, markTested } from "@/lib/sso/connection";
import type { SsoFlowRow } from "@/lib/sso/flows";
import type { SsoProfile } from "@/lib/sso/oidc";
import { resolveSsoUser, SsoSignInRefused, type SsoRefusal } from "@/lib/sso/sign-in";
import { safeCallbackPath } from "@/lib/validation/auth";

export const SSO_SETTINGS_PATH = "/settings/single-sign-on";
export const SSO_REFUSED_PATH = "/sso/refused";

/** Why a round trip failed, as the pages say it: the provider's answer was refused, or the flow is gone. */
export type SsoFailure = SsoRefusal | "failed" | "expired";

/** Where a failed round trip goes: the settings page for a Test connection (with the reason), the refusal page otherwise. */
export function failurePath(purpose: SsoFlowRow["purpose"] | null, reason: SsoFailure, detail?: string): string {
  if (purpose === "TEST") return `${SSO_SETTINGS_PATH}?test=failed${detail ? `&reason=${encodeURIComponent(detail)}` : ""}`;
  return `${SSO_REFUSED_PATH}?reason=${reason}`;
}

/**
 * The provider vouched for `profile` in the flow this browser began. A Test connection marks the
 * connection tested (when run by the holder who began it, on settings unchanged since); a sign-in
 * resolves the user (lib/sso/sign-in.ts) and issues the same session a password does. The path
 * to send the browser to.
 */
export async function finishFlow(flow: SsoFlowRow, profile: SsoProfile, ip: string): Promise<string> {
  const db = getDb();
  const connection = await findConnectionById(db, flow.connectionId);
  if (!connection) return failurePath(flow.purpose, "expired");
  if (flow.purpose === "TEST") {
    const holder = await getCurrentUser();
    if (!holder || holder.id !== flow.userId || holder.role !== "ACCOUNT_HOLDER" || holder.accountId !== connection.accountId) {
      return failurePath("SIGN_IN", "expired");
    }
    if (!(await markTested(db, connection.id, flow.createdAt))) return `${SSO_SETTINGS_PATH}?test=stale`;
    await recordAuditEvents(db, connection.accountId, holder.id, [{
      action: "sso.test", targetType: "account", targetId: connection.accountId, after: { identity: profile.subject, email: profile.email },
    }]);
    return `${SSO_SETTINGS_PATH}?test=passed`;
  }
  if (!connection.enabled) return failurePath(flow.purpose, "expired");
  let user;
  try {
    user = await resolveSsoUser(connection, profile, ip);
  } catch (error) {
    if (error instanceof SsoSignInRefused) return failurePath(flow.purpose, error.reason);
    throw error;
  }
  await clearPendingSignIn();
  try {
    await signIn("credentials", { grant: grantSignIn(user), redirect: false });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    return failurePath(flow.purpose, "failed");
  }
  return safeCallbackPath(flow.callbackUrl);
}

import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { hasSessionCookie, SESSION_ENDED_PATH } from "@/lib/auth/session-cookie";
import { isSetupPath, TWO_STEP_SETUP_PATH, twoStepGate } from "@/lib/auth/two-step-policy";
import { can, type Permission } from "@/lib/permissions";
import { REQUEST_PATH_HEADER } from "@/lib/security/headers";

/**
 * For pages: the signed-in user, or a redirect to the sign-in page — through SESSION_ENDED_PATH when
 * the request carries a session cookie the server refused, which clears it. A user the account's
 * two-step policy holds back (past the grace period, no second factor) is sent to set one up: every
 * page but that one redirects there (the proxy tells which page this is, decision 0021).
 */
export async function requireUser() {
  const user = await getCurrentUser();
  if (!user) redirect((await hasSessionCookie()) ? SESSION_ENDED_PATH : "/sign-in");
  if (twoStepGate(user).state === "setupRequired" && !isSetupPath((await headers()).get(REQUEST_PATH_HEADER))) redirect(TWO_STEP_SETUP_PATH);
  return user;
}

/** For pages: the signed-in user if their role has the permission; otherwise the page doesn't exist for them. */
export async function requirePermission(permission: Permission) {
  const user = await requireUser();
  if (!can(user.role, permission)) notFound();
  return user;
}

/**
 * For route handlers (downloads): the signed-in user if their role has the permission and the
 * two-step policy doesn't hold them back, else null (answer 404).
 */
export async function permittedUser(permission: Permission) {
  const user = await getCurrentUser();
  return user && can(user.role, permission) && twoStepGate(user).state !== "setupRequired" ? user : null;
}

import "server-only";
import { notFound, redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { hasSessionCookie, SESSION_ENDED_PATH } from "@/lib/auth/session-cookie";
import { can, type Permission } from "@/lib/permissions";

/**
 * For pages: the signed-in user, or a redirect to the sign-in page — through SESSION_ENDED_PATH when
 * the request carries a session cookie the server refused, which clears it.
 */
export async function requireUser() {
  const user = await getCurrentUser();
  if (!user) redirect((await hasSessionCookie()) ? SESSION_ENDED_PATH : "/sign-in");
  return user;
}

/** For pages: the signed-in user if their role has the permission; otherwise the page doesn't exist for them. */
export async function requirePermission(permission: Permission) {
  const user = await requireUser();
  if (!can(user.role, permission)) notFound();
  return user;
}

/** For route handlers (downloads): the signed-in user if their role has the permission, else null (answer 404). */
export async function permittedUser(permission: Permission) {
  const user = await getCurrentUser();
  return user && can(user.role, permission) ? user : null;
}

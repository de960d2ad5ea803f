import type { AccountRole } from "@/lib/generated/prisma/enums";

/** Roles from most to least powerful; a role may only grant roles at or below its own. */
export const ROLES = ["ACCOUNT_HOLDER", "ADMIN", "SUPPORT_STAFF", "MEMBER"] as const satisfies readonly AccountRole[];

const EVERYONE = ROLES;
const ADMINS = ["ACCOUNT_HOLDER", "ADMIN"] as const;

/** The one permission table: every server action and page declares one of these. */
export const PERMISSIONS = {
  "profile.read": EVERYONE,
  "profile.update": EVERYONE,
  /** Answering a transfer invitation sent to oneself (the data layer checks it is theirs). */
  "invitations.respond": EVERYONE,
  "account.overview": EVERYONE,
  "users.read": [...ADMINS, "SUPPORT_STAFF"],
  "users.manage": ADMINS,
  "invitations.resend": [...ADMINS, "SUPPORT_STAFF"],
  "licences.assign": ADMINS,
  "groups.manage": ADMINS,
  "templates.manage": ADMINS,
  "imports.manage": ADMINS,
  "outbox.read": ADMINS,
  "outbox.retry": ADMINS,
  "audit.read": ADMINS,
  "billing.read": ["ACCOUNT_HOLDER"],
  /** Settings › Security: the account's two-step policy. */
  "security.manage": ["ACCOUNT_HOLDER"],
  /** Removing a user's second factors (users at or below the caller's role, not themselves). */
  "twoStep.reset": ADMINS,
} as const satisfies Record<string, readonly AccountRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: AccountRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly AccountRole[]).includes(role);
}

export function roleRank(role: AccountRole): number {
  return ROLES.length - ROLES.indexOf(role);
}

/** The roles above `role`: nobody acts on users who hold one of them (lib/users/rules.ts). */
export function rolesAbove(role: AccountRole): AccountRole[] {
  return ROLES.filter((r) => roleRank(r) > roleRank(role));
}

export class ForbiddenError extends Error {
  constructor(readonly reason = "forbidden") {
    super(reason);
  }
}

/** Whether someone of `actorRole` may give `targetRole`: user managers, up to their own role. */
export function canAssignRole(actorRole: AccountRole, targetRole: AccountRole): boolean {
  return can(actorRole, "users.manage") && roleRank(targetRole) <= roleRank(actorRole);
}

/** Every path that sets a role (single add, multi-row, CSV, edit) goes through this (a CSV row reports canAssignRole at the row). */
export function assertCanAssignRole(actorRole: AccountRole, targetRole: AccountRole): void {
  if (!canAssignRole(actorRole, targetRole)) throw new ForbiddenError("roleTooHigh");
}

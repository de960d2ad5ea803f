import type { AccountRole, ApiTokenScope } from "@/lib/generated/prisma/enums";

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
  /** Settings › API tokens: create (up to one's own role) and revoke. */
  "apiTokens.manage": ADMINS,
  /** Settings › Single sign-on: the connection, its policy and the account's domains. */
  "sso.manage": ["ACCOUNT_HOLDER"],
} as const satisfies Record<string, readonly AccountRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: AccountRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly AccountRole[]).includes(role);
}

/**
 * What an API token can ever be used for, and the scope that covers each: programs manage users,
 * groups, imports and licences and read the audit log. A person's own things (profile, sign-in
 * factors, sessions), the account's security policy, billing, email templates, the outbox and
 * tokens themselves are out of a token's reach, whatever its ceiling (decision 0031).
 */
export const TOKEN_PERMISSIONS = {
  "users.read": { scope: "USERS", read: true },
  "users.manage": { scope: "USERS", read: false },
  "invitations.resend": { scope: "USERS", read: false },
  "groups.manage": { scope: "USERS", read: false },
  "imports.manage": { scope: "USERS", read: false },
  "licences.assign": { scope: "LICENCES", read: false },
  "account.overview": { scope: "LICENCES", read: true },
  "audit.read": { scope: null, read: true },
} as const satisfies Partial<Record<Permission, { scope: ApiTokenScope | null; read: boolean }>>;

/** Where a token's call comes in: the REST API, or SCIM (which only a token without scopes or with SCIM may use). */
export type TokenSurface = "rest" | "scim";

/**
 * Whether a token with these scopes may exercise the permission (its ceiling is checked like a
 * role). READ_ONLY keeps it to reads; any other scope keeps it to that scope's permissions; none
 * leaves everything the ceiling allows. SCIM calls need SCIM among the scopes, or no area scope.
 */
export function tokenAllows(scopes: readonly ApiTokenScope[], permission: Permission, surface: TokenSurface = "rest"): boolean {
  const use = (TOKEN_PERMISSIONS as Partial<Record<Permission, { scope: ApiTokenScope | null; read: boolean }>>)[permission];
  if (!use) return false;
  if (scopes.includes("READ_ONLY") && !use.read) return false;
  const areas = scopes.filter((s) => s !== "READ_ONLY");
  if (areas.length === 0) return true;
  if (surface === "scim") return areas.includes("SCIM");
  return use.scope !== null && (areas as ApiTokenScope[]).includes(use.scope);
}

/** The lower of two roles: what a token with this ceiling may do for a creator who now holds `role`. */
export const lowerRole = (a: AccountRole, b: AccountRole): AccountRole => (roleRank(a) <= roleRank(b) ? a : b);

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

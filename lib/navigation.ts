import type { Permission } from "@/lib/permissions";

export type NavLabel = "home" | "billing" | "users" | "groups" | "auditLog" | "outbox" | "emailTemplates" | "security" | "apiTokens" | "provisioning" | "singleSignOn";

export interface NavItem {
  href: string;
  /** Key in the `nav` catalogue section. */
  label: NavLabel;
  permission: Permission;
}

export interface NavSection {
  /** Key in the `nav` catalogue section; none for top-level items. */
  label?: "people" | "settings";
  items: NavItem[];
}

// Pages arrive with their issues; an entry is listed here only once its page works.
export const NAVIGATION: NavSection[] = [
  {
    items: [
      { href: "/", label: "home", permission: "account.overview" },
      { href: "/billing", label: "billing", permission: "billing.read" },
    ],
  },
  {
    label: "people",
    items: [
      { href: "/people/users", label: "users", permission: "users.read" },
      { href: "/people/groups", label: "groups", permission: "users.read" },
    ],
  },
  {
    label: "settings",
    items: [
      { href: "/settings/email-templates", label: "emailTemplates", permission: "templates.manage" },
      { href: "/settings/outbox", label: "outbox", permission: "outbox.read" },
      { href: "/settings/audit-log", label: "auditLog", permission: "audit.read" },
      { href: "/settings/security", label: "security", permission: "security.manage" },
      { href: "/settings/api-tokens", label: "apiTokens", permission: "apiTokens.manage" },
      { href: "/settings/single-sign-on", label: "singleSignOn", permission: "sso.manage" },
      { href: "/settings/provisioning", label: "provisioning", permission: "licences.assign" },
    ],
  },
];

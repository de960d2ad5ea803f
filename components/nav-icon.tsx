import { Building2, CreditCard, House, Inbox, KeyRound, Mail, ScrollText, ShieldCheck, UserCog, Users, UsersRound, type LucideIcon } from "lucide-react";
import type { NavLabel } from "@/lib/navigation";

const ICONS: Record<NavLabel, LucideIcon> = {
  home: House,
  billing: CreditCard,
  users: Users,
  groups: UsersRound,
  emailTemplates: Mail,
  outbox: Inbox,
  auditLog: ScrollText,
  security: ShieldCheck,
  apiTokens: KeyRound,
  provisioning: UserCog,
  singleSignOn: Building2,
};

/**
 * A navigation entry's icon, rendered on the server and handed to the navigation (a client
 * component) as markup: no icon code in every page's JavaScript (decision 0030).
 */
export function NavIcon({ name }: { name: NavLabel }) {
  const Icon = ICONS[name];
  return <Icon className="size-4 shrink-0" aria-hidden />;
}

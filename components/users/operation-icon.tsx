import type { ReactNode } from "react";
import { Ban, MailPlus, MoreHorizontal, PackageMinus, PackagePlus, SlidersHorizontal, Trash2, UserCheck, UserCog, Users, X } from "lucide-react";
import type { Operation } from "@/lib/users/bulk-operations";

const ICONS = {
  addProducts: PackagePlus,
  removeProducts: PackageMinus,
  editCapabilities: SlidersHorizontal,
  resendInvitation: MailPlus,
  changeRole: UserCog,
  changeGroup: Users,
  suspend: Ban,
  reactivate: UserCheck,
  delete: Trash2,
} satisfies Record<Operation, unknown>;

/** The icon of a bulk or row action; decorative, the label says what it does. */
export function OperationIcon({ operation }: { operation: Operation }) {
  const Icon = ICONS[operation];
  return <Icon className="size-4 shrink-0" aria-hidden />;
}

/** What the users table shows as icons. */
export interface UsersTableIcons {
  operations: Record<Operation, ReactNode>;
  /** Clear selection. */
  clear: ReactNode;
  /** A row's More button. */
  more: ReactNode;
}

/**
 * The users table's icons, rendered on the server and handed to the table (a client component) as
 * markup: no icon code in the page's JavaScript (decision 0030).
 */
export function usersTableIcons(): UsersTableIcons {
  const operations = Object.fromEntries(Object.keys(ICONS).map((operation) => [operation, <OperationIcon key={operation} operation={operation as Operation} />]));
  return {
    operations: operations as Record<Operation, ReactNode>,
    clear: <X className="size-4" aria-hidden />,
    more: <MoreHorizontal className="size-4" aria-hidden />,
  };
}

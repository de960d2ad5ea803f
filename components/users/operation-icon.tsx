import { Ban, MailPlus, PackageMinus, PackagePlus, SlidersHorizontal, Trash2, UserCheck, UserCog, Users } from "lucide-react";
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

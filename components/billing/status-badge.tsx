import type { InvoiceStatus, SubscriptionStatus } from "@/lib/generated/prisma/enums";

const TONE: Record<InvoiceStatus | SubscriptionStatus, string> = {
  ACTIVE: "bg-green-50 text-green-900",
  PAID: "bg-green-50 text-green-900",
  OPEN: "bg-blue-50 text-blue-900",
  PAST_DUE: "bg-red-50 text-red-900",
  OVERDUE: "bg-red-50 text-red-900",
  CANCELLED: "bg-slate-100 text-slate-800",
  VOID: "bg-slate-100 text-slate-800",
};

export function BillingStatusBadge({ status, label }: { status: InvoiceStatus | SubscriptionStatus; label: string }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${TONE[status]}`}>{label}</span>;
}

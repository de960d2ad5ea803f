import type { InvoiceStatus, SubscriptionStatus } from "@/lib/generated/prisma/enums";
import { Badge, type Tone } from "../badge";

const TONE: Record<InvoiceStatus | SubscriptionStatus, Tone> = {
  ACTIVE: "success", PAID: "success", OPEN: "info", PAST_DUE: "danger", OVERDUE: "danger", CANCELLED: "neutral", VOID: "neutral",
};

export function BillingStatusBadge({ status, label }: { status: InvoiceStatus | SubscriptionStatus; label: string }) {
  return <Badge tone={TONE[status]} label={label} />;
}

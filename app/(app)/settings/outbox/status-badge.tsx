import { Badge, type Tone } from "@/components/badge";
import type { OutboxStatus } from "@/lib/generated/prisma/enums";

const TONE: Record<OutboxStatus, Tone> = { QUEUED: "neutral", SENDING: "info", SENT: "success", CAPTURED: "warning", FAILED: "danger" };

export function StatusBadge({ status, label }: { status: OutboxStatus; label: string }) {
  return <Badge tone={TONE[status]} label={label} />;
}

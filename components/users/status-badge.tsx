import { Badge, type Tone } from "@/components/badge";

const TONE: Record<string, Tone> = { INVITED: "info", ACTIVE: "success", TRANSFER_PENDING: "warning", SUSPENDED: "danger" };

/** A user's status (Invited, Active, Transfer pending, Suspended) as a coloured badge; the text says it all. */
export function StatusBadge({ status, label }: { status: string; label: string }) {
  return <Badge tone={TONE[status] ?? "neutral"} label={label} />;
}

import type { OutboxStatus } from "@/lib/generated/prisma/enums";

const TONE: Record<OutboxStatus, string> = {
  QUEUED: "bg-slate-100 text-slate-800",
  SENDING: "bg-blue-50 text-blue-900",
  SENT: "bg-green-50 text-green-900",
  CAPTURED: "bg-amber-50 text-amber-900",
  FAILED: "bg-red-50 text-red-900",
};

export function StatusBadge({ status, label }: { status: OutboxStatus; label: string }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${TONE[status]}`}>{label}</span>;
}

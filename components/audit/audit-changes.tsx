import type { AuditChange } from "@/lib/audit/describe";

/**
 * The fields an event changed, each as "Field: before → after" (a side that didn't exist left out),
 * labels and values already in the viewer's language.
 */
export function AuditChanges({ changes }: { changes: AuditChange[] }) {
  if (changes.length === 0) return null;
  return (
    <ul className="space-y-0.5">
      {changes.map((change, index) => (
        <li key={index} className="break-anywhere">
          <span className="font-medium text-slate-800">{change.field}:</span>{" "}
          {change.before !== undefined && <span className="text-slate-700">{change.before}</span>}
          {change.before !== undefined && change.after !== undefined && " → "}
          {change.after !== undefined && <span className="font-medium text-slate-900">{change.after}</span>}
        </li>
      ))}
    </ul>
  );
}

import { getTranslations } from "next-intl/server";
import type { AuditChange } from "@/lib/audit/describe";

/**
 * The fields an event changed, each as "Field: before → after" (a side that didn't exist left out),
 * labels and values already in the viewer's language.
 */
export async function AuditChanges({ changes }: { changes: AuditChange[] }) {
  if (changes.length === 0) return null;
  const t = await getTranslations("audit");
  return (
    <ul className="space-y-0.5">
      {changes.map((change, index) => (
        <li key={index} className="break-anywhere">
          <span className="font-medium text-slate-800">{change.field}:</span>{" "}
          {change.before !== undefined && <span className="text-slate-700"><span className="sr-only">{t("beforeValue")} </span>{change.before}</span>}
          {change.before !== undefined && change.after !== undefined && <span aria-hidden="true"> → </span>}
          {change.after !== undefined && <span className="font-medium text-slate-900"><span className="sr-only">{change.before !== undefined ? `, ${t("afterValue")} ` : ""}</span>{change.after}</span>}
        </li>
      ))}
    </ul>
  );
}

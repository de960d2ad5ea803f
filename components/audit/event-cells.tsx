import { actionLabel, personName } from "@/lib/audit/labels";
import type { AppLocale } from "@/lib/i18n/locales";

/** The When / By / Action cells of an audit event row, the same on the audit log and a user's Activity tab. */
export function EventCells({ when, actor, action, locale, systemLabel }: {
  when: string;
  actor: { firstName: string; lastName: string } | null;
  action: string;
  locale: AppLocale;
  systemLabel: string;
}) {
  return (
    <>
      <td className="px-3 py-2 whitespace-nowrap">{when}</td>
      <td className="px-3 py-2">{actor ? personName(actor) : systemLabel}</td>
      <td className="px-3 py-2">
        {actionLabel(locale, action)}
        <span className="block font-mono text-xs text-slate-600">{action}</span>
      </td>
    </>
  );
}

import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { TableRegion } from "@/components/table-region";
import type { DescribedEvent } from "@/lib/audit/describe";
import { AuditChanges } from "./audit-changes";

/**
 * Audit events as rows: when, (who), what happened as a sentence, what changed. With `linkDetails`,
 * each sentence opens the event's page. Wide content scrolls inside its own region on a phone.
 */
export async function AuditEventTable({ events, caption, timeZone, showActor, linkDetails }: {
  events: DescribedEvent[];
  caption: string;
  timeZone: string;
  showActor: boolean;
  linkDetails: boolean;
}) {
  const [t, format] = await Promise.all([getTranslations("audit"), getFormatter()]);
  const cell = "px-3 py-2";
  return (
    <TableRegion label={caption}>
      <table className="w-full min-w-[36rem] border-collapse bg-white text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className={cell}>{t("time")}</th>
            {showActor && <th scope="col" className={cell}>{t("actor")}</th>}
            <th scope="col" className={cell}>{t("event")}</th>
            <th scope="col" className={cell}>{t("changes")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id} className="border-t border-slate-200 align-top">
              <td className={`${cell} w-40 text-slate-700`}>{format.dateTime(event.createdAt, { dateStyle: "medium", timeStyle: "medium", timeZone })}</td>
              {showActor && <td className={`${cell} max-w-48 break-anywhere`}>{event.actorName}</td>}
              <td className={`${cell} max-w-md break-anywhere`}>
                {linkDetails ? (
                  <Link href={`/settings/audit-log/${event.id}`} className="text-brand-700 underline-offset-2 hover:underline">{event.sentence}</Link>
                ) : event.sentence}
              </td>
              <td className={`${cell} max-w-sm text-slate-700`}><AuditChanges changes={event.changes} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

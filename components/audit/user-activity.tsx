import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { DescribedEvent } from "@/lib/audit/describe";
import { AuditEventTable } from "./audit-event-table";

/** A user's Activity tab: what they did and what was done to them, newest first, as sentences. */
export async function UserActivity({ userId, events, nextCursor, timeZone, linkDetails }: {
  userId: string;
  events: DescribedEvent[];
  nextCursor?: string;
  timeZone: string;
  linkDetails: boolean;
}) {
  const t = await getTranslations("userDetail");
  if (events.length === 0) return <p className="text-slate-600">{t("noActivity")}</p>;
  return (
    <div className="space-y-3">
      <AuditEventTable events={events} caption={t("tabs.activity")} timeZone={timeZone} showActor={false} linkDetails={linkDetails} />
      {nextCursor && <Link href={`/people/users/${userId}?tab=activity&after=${encodeURIComponent(nextCursor)}`} className="text-sm text-brand-700 underline">{t("older")}</Link>}
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { listAuditEvents, parseAuditCursor } from "@/lib/audit/queries";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<{ after?: string }> }) {
  const user = await requirePermission("audit.read");
  const after = parseAuditCursor((await searchParams).after);
  const [t, format, { events, nextCursor }] = await Promise.all([
    getTranslations("audit"),
    getFormatter(),
    listAuditEvents(getDb(), user.accountId, after),
  ]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {events.length === 0 ? (
        <p className="text-slate-600">{t("empty")}</p>
      ) : (
        <table className="w-full border-collapse bg-white text-sm">
          <caption className="sr-only">{t("title")}</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">{t("time")}</th>
              <th scope="col" className="px-3 py-2">{t("actor")}</th>
              <th scope="col" className="px-3 py-2">{t("action")}</th>
              <th scope="col" className="px-3 py-2">{t("target")}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id} className="border-t border-slate-200">
                <td className="px-3 py-2 whitespace-nowrap">
                  {format.dateTime(event.createdAt, { dateStyle: "medium", timeStyle: "medium", timeZone: user.timeZone })}
                </td>
                <td className="px-3 py-2">{event.actor ? `${event.actor.firstName} ${event.actor.lastName}`.trim() : t("system")}</td>
                <td className="px-3 py-2 font-mono text-xs">{event.action}</td>
                <td className="px-3 py-2 font-mono text-xs">{event.targetType ? `${event.targetType} ${event.targetId ?? ""}` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label={t("pagination")} className="flex gap-4 text-sm">
        {after && <Link href="/settings/audit-log" className="text-brand-700 underline">{t("newest")}</Link>}
        {nextCursor && <Link href={`/settings/audit-log?after=${encodeURIComponent(nextCursor)}`} className="text-brand-700 underline">{t("older")}</Link>}
      </nav>
    </div>
  );
}

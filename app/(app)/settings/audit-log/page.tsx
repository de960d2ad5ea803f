import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { FilterSelect } from "@/components/filter-select";
import { EventCells } from "@/components/audit/event-cells";
import { actionLabel, personName } from "@/lib/audit/labels";
import { auditFilters, auditListHref, parseAuditListParams } from "@/lib/audit/list-params";
import { auditFilterOptions, auditWhere, listAuditEvents, parseAuditCursor, withTargetUsers } from "@/lib/audit/queries";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditLogPage({ searchParams }: Props) {
  const user = await requirePermission("audit.read");
  const view = parseAuditListParams(await searchParams);
  const filters = auditFilters(view);
  const filtered = Object.values(filters).some(Boolean);
  const where = await auditWhere(getDb(), user.accountId, filters, user.timeZone);
  const locale = user.locale;
  const [t, format, options, { events, nextCursor }] = await Promise.all([
    getTranslations("audit"),
    getFormatter(),
    auditFilterOptions(getDb(), user.accountId),
    listAuditEvents(getDb(), user.accountId, parseAuditCursor(view.after), { where })
      .then(async (page) => ({ ...page, events: await withTargetUsers(getDb(), user.accountId, page.events) })),
  ]);
  const actions = view.action && !options.actions.includes(view.action) ? [...options.actions, view.action] : options.actions;
  const inputClass = "mt-1 block rounded-md border border-slate-400 bg-white px-3 py-2 text-sm";

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <a href={auditListHref(filters, "/settings/audit-log/export")} download className="text-sm font-medium text-brand-700 underline">{t("exportCsv")}</a>
      </div>

      {/* Keyed by the filters: after a client-side navigation (Clear filters) the fields show the new view, not the old defaults. */}
      <form key={auditListHref(filters)} method="get" action="/settings/audit-log" role="search" aria-label={t("filters")} className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-white p-3">
        <FilterSelect id="audit-actor" name="actor" label={t("actor")} value={view.actor} any={t("any")}
          options={[...(options.system ? [["system", t("system")] as [string, string]] : []), ...options.actors.map((a): [string, string] => [a.id, `${personName(a)} (${a.email})`])]} />
        <FilterSelect id="audit-action" name="action" label={t("action")} value={view.action} any={t("any")}
          options={actions.map((a): [string, string] => [a, actionLabel(locale, a)]).sort((a, b) => a[1].localeCompare(b[1], locale))} />
        <div className="min-w-56 flex-1">
          <label htmlFor="audit-target" className="block text-sm font-medium text-slate-800">{t("target")}</label>
          <input id="audit-target" type="search" name="target" defaultValue={view.target ?? ""} maxLength={100} aria-describedby="audit-target-hint" className={`${inputClass} w-full`} />
        </div>
        <div>
          <label htmlFor="audit-from" className="block text-sm font-medium text-slate-800">{t("from")}</label>
          <input id="audit-from" type="date" name="from" defaultValue={view.from ?? ""} aria-describedby="audit-dates-hint" className={inputClass} />
        </div>
        <div>
          <label htmlFor="audit-to" className="block text-sm font-medium text-slate-800">{t("to")}</label>
          <input id="audit-to" type="date" name="to" defaultValue={view.to ?? ""} aria-describedby="audit-dates-hint" className={inputClass} />
        </div>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-on-fill hover:bg-brand-700">{t("apply")}</button>
        {filtered && <Link href="/settings/audit-log" className="py-2 text-sm text-brand-700 underline">{t("clearFilters")}</Link>}
        <p className="basis-full text-xs text-slate-600">
          <span id="audit-target-hint">{t("targetHint")}</span> <span id="audit-dates-hint">{t("datesHint", { timeZone: user.timeZone })}</span>
        </p>
      </form>

      {events.length === 0 ? (
        <div className="rounded-md border border-slate-200 bg-white p-6 text-slate-700">
          <p>{filtered ? t("noMatches") : t("empty")}</p>
          {filtered && <Link href="/settings/audit-log" className="mt-2 inline-block text-brand-700 underline">{t("clearFilters")}</Link>}
        </div>
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
              <tr key={event.id} className="border-t border-slate-200 align-top">
                <EventCells
                  when={format.dateTime(event.createdAt, { dateStyle: "medium", timeStyle: "medium", timeZone: user.timeZone })}
                  actor={event.actor} action={event.action} locale={locale} systemLabel={t("system")} />
                <td className="px-3 py-2">
                  {event.targetUser && <span className="block">{personName(event.targetUser)} ({event.targetUser.email})</span>}
                  <span className="font-mono text-xs text-slate-600">{event.targetType ? `${event.targetType} ${event.targetId ?? ""}` : "—"}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label={t("pagination")} className="flex gap-4 text-sm">
        {view.after && <Link href={auditListHref(filters)} className="text-brand-700 underline">{t("newest")}</Link>}
        {nextCursor && <Link href={auditListHref({ ...filters, after: nextCursor })} className="text-brand-700 underline">{t("older")}</Link>}
      </nav>
    </div>
  );
}

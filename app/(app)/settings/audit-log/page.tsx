import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuditEventTable } from "@/components/audit/audit-event-table";
import { AuditDateField } from "@/components/audit/audit-date-field";
import { button } from "@/components/button-styles";
import { FilterSelect } from "@/components/filter-select";
import { dayPattern, readDayParam } from "@/lib/audit/date-input";
import { actionLabel, personName } from "@/lib/audit/labels";
import { auditFilters, auditListHref, parseAuditListParams } from "@/lib/audit/list-params";
import { describeAuditPage } from "@/lib/audit/names";
import { auditFilterOptions, auditWhere, listAuditEvents, parseAuditCursor } from "@/lib/audit/queries";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditLogPage({ searchParams }: Props) {
  const user = await requirePermission("audit.read");
  const locale = user.locale;
  const view = parseAuditListParams(await searchParams);
  const filters = auditFilters(view);
  // Days typed in the viewer's format ("09.03.2026") become ISO days in the URL; text that is no day is reported at its field.
  const from = readDayParam(view.from, locale);
  const to = readDayParam(view.to, locale);
  if ((from.typed || to.typed) && !from.invalid && !to.invalid) redirect(auditListHref({ ...filters, from: from.iso, to: to.iso }));
  const filtered = Object.values(filters).some(Boolean);
  const where = await auditWhere(getDb(), user.accountId, filters, user.timeZone);
  const [t, options, { events, nextCursor }] = await Promise.all([
    getTranslations("audit"),
    auditFilterOptions(getDb(), user.accountId),
    listAuditEvents(getDb(), user.accountId, parseAuditCursor(view.after), { where })
      .then(async (page) => ({ ...page, events: await describeAuditPage(getDb(), user.accountId, page.events, user) })),
  ]);
  const actions = view.action && !options.actions.includes(view.action) ? [...options.actions, view.action] : options.actions;
  const pattern = dayPattern(locale, { day: t("dateLetters.day"), month: t("dateLetters.month"), year: t("dateLetters.year") });
  const inputClass = "mt-1 block rounded-md border border-slate-400 bg-white px-3 py-2 text-sm";

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <a href={auditListHref(filters, "/settings/audit-log/export")} download className={`${button.secondary} ${button.small}`}>{t("exportCsv")}</a>
      </div>

      {/* Keyed by the filters: after a client-side navigation (Clear filters) the fields show the new view, not the old defaults. */}
      <form key={auditListHref({ ...filters, from: view.from, to: view.to })} method="get" action="/settings/audit-log" role="search" aria-label={t("filters")} className="flex flex-wrap items-start gap-3 rounded-md border border-slate-200 bg-white p-3">
        <FilterSelect id="audit-actor" name="actor" label={t("actor")} value={view.actor} any={t("any")}
          options={[...(options.system ? [["system", t("system")] as [string, string]] : []), ...options.actors.map((a): [string, string] => [a.id, `${personName(a)} (${a.email})`])]} />
        <FilterSelect id="audit-action" name="action" label={t("action")} value={view.action} any={t("any")}
          options={actions.map((a): [string, string] => [a, actionLabel(locale, a)]).sort((a, b) => a[1].localeCompare(b[1], locale))} />
        <div className="min-w-0 flex-1 basis-56">
          <label htmlFor="audit-target" className="block text-sm font-medium text-slate-800">{t("target")}</label>
          <input id="audit-target" type="search" name="target" defaultValue={view.target ?? ""} maxLength={100} aria-describedby="audit-target-hint" className={`${inputClass} w-full`} />
        </div>
        <AuditDateField id="audit-from" name="from" label={t("from")} value={from.text} format={t("dateFormat", { pattern })}
          error={from.invalid ? t("invalidDate", { pattern }) : undefined} />
        <AuditDateField id="audit-to" name="to" label={t("to")} value={to.text} format={t("dateFormat", { pattern })}
          error={to.invalid ? t("invalidDate", { pattern }) : undefined} />
        <div className="flex items-center gap-3 self-end">
          <button type="submit" className={button.primary}>{t("apply")}</button>
          {filtered && <Link href="/settings/audit-log" className="py-2 text-sm text-brand-700 underline">{t("clearFilters")}</Link>}
        </div>
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
        <AuditEventTable events={events} caption={t("title")} timeZone={user.timeZone} showActor linkDetails />
      )}
      <nav aria-label={t("pagination")} className="flex gap-4 text-sm">
        {view.after && <Link href={auditListHref(filters)} className="text-brand-700 underline">{t("newest")}</Link>}
        {nextCursor && <Link href={auditListHref({ ...filters, after: nextCursor })} className="text-brand-700 underline">{t("older")}</Link>}
      </nav>
    </div>
  );
}

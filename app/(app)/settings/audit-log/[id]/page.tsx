import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { AuditChanges } from "@/components/audit/audit-changes";
import { actionLabel } from "@/lib/audit/labels";
import { describeAuditPage } from "@/lib/audit/names";
import { findAuditEvent } from "@/lib/audit/queries";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";

type Props = { params: Promise<{ id: string }> };

/** The event, if it is one of the viewer's account's: another account's id is as unknown as a made-up one. */
async function load(params: Props["params"]) {
  const viewer = await requirePermission("audit.read");
  const event = await findAuditEvent(getDb(), viewer.accountId, (await params).id);
  if (!event) notFound();
  const [described] = await describeAuditPage(getDb(), viewer.accountId, [event], viewer);
  return { viewer, event: described };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ viewer, event }, t] = await Promise.all([load(params), getTranslations("audit")]);
  return { title: `${t("detailTitle")}: ${actionLabel(viewer.locale, event.action)}` };
}

export default async function AuditEventPage({ params }: Props) {
  const { viewer, event } = await load(params);
  const [t, format] = await Promise.all([getTranslations("audit"), getFormatter()]);
  const rows: [string, React.ReactNode][] = [
    [t("time"), format.dateTime(event.createdAt, { dateStyle: "full", timeStyle: "long", timeZone: viewer.timeZone })],
    [t("actor"), event.actorName],
    ...(event.targetName ? [[t("target"), event.targetName] as [string, React.ReactNode]] : []),
    [t("action"), <>{actionLabel(viewer.locale, event.action)} <span className="font-mono text-xs text-slate-600">({event.action})</span></>],
    ...(event.clientAddress ? [[t("clientAddress"), <span key="ip" className="font-mono">{event.clientAddress}</span>] as [string, React.ReactNode]] : []),
    [t("changes"), event.changes.length > 0 ? <AuditChanges changes={event.changes} /> : t("noChanges")],
  ];
  return (
    <div className="max-w-3xl space-y-4">
      <Link href="/settings/audit-log" className="text-sm text-brand-700 underline">{t("back")}</Link>
      <p className="text-sm font-medium text-slate-600">{t("detailTitle")}</p>
      <h1 className="text-2xl font-semibold break-anywhere">{event.sentence}</h1>
      <dl className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="grid gap-1 px-4 py-3 sm:grid-cols-[12rem_1fr] sm:gap-4">
            <dt className="font-medium text-slate-700">{label}</dt>
            <dd className="min-w-0 break-anywhere text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import { OutboxStatus } from "@/lib/generated/prisma/enums";
import { LOCALE_NAMES } from "@/lib/i18n/locales";
import { listOutbox } from "@/lib/mail/outbox";
import { button } from "@/components/button-styles";
import { TableRegion } from "@/components/table-region";
import { parseKeysetCursor } from "@/lib/pagination/keyset";
import { StatusBadge } from "./status-badge";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("outbox"))("title") };
}

const STATUSES = Object.values(OutboxStatus);

export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ after?: string; status?: string }> }) {
  const user = await requirePermission("outbox.read");
  const params = await searchParams;
  const status = STATUSES.find((s) => s === params.status);
  const after = parseKeysetCursor(params.after);
  const [t, format, { emails, nextCursor }] = await Promise.all([
    getTranslations("outbox"),
    getFormatter(),
    listOutbox(getDb(), user.accountId, { after, status }),
  ]);
  const capturing = !process.env.SMTP_URL;
  const query = (extra: Record<string, string>) => `/settings/outbox?${new URLSearchParams({ ...(status && { status }), ...extra })}`;

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className={capturing ? "rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" : "text-sm text-slate-600"}>
        {capturing ? t("captureNotice") : t("smtpNotice")}
      </p>
      <form method="get" action="/settings/outbox" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="outbox-status" className="block text-sm font-medium text-slate-800">{t("statusLabel")}</label>
          <select id="outbox-status" name="status" defaultValue={status ?? ""} className="mt-1 rounded-md border border-slate-400 bg-white px-2 py-2 text-sm">
            <option value="">{t("allStatuses")}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </div>
        <button type="submit" className={button.secondary}>{t("filter")}</button>
      </form>
      {emails.length === 0 ? (
        <p className="text-slate-600">{status ? t("noMatch") : t("empty")}</p>
      ) : (
        <TableRegion label={t("title")}>
        <table className="w-full border-collapse bg-white text-sm">
          <caption className="sr-only">{t("title")}</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">{t("created")}</th>
              <th scope="col" className="px-3 py-2">{t("recipient")}</th>
              <th scope="col" className="px-3 py-2">{t("subject")}</th>
              <th scope="col" className="px-3 py-2">{t("kind")}</th>
              <th scope="col" className="px-3 py-2">{t("language")}</th>
              <th scope="col" className="px-3 py-2">{t("statusLabel")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("attempts")}</th>
            </tr>
          </thead>
          <tbody>
            {emails.map((email) => (
              <tr key={email.id} className="border-t border-slate-200">
                <td className="px-3 py-2 whitespace-nowrap">
                  {format.dateTime(email.createdAt, { dateStyle: "medium", timeStyle: "medium", timeZone: user.timeZone })}
                </td>
                <td className="min-w-48 px-3 py-2 break-anywhere">{email.recipient}</td>
                <td className="min-w-56 px-3 py-2 break-anywhere">
                  <Link href={`/settings/outbox/${email.id}`} className="text-brand-700 underline">{email.subject}</Link>
                </td>
                <td className="px-3 py-2">{t(`kinds.${email.kind}`)}</td>
                <td className="px-3 py-2" lang={email.locale}>{LOCALE_NAMES[email.locale]}</td>
                <td className="px-3 py-2"><StatusBadge status={email.status} label={t(`status.${email.status}`)} /></td>
                <td className="px-3 py-2 text-right">{email.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableRegion>
      )}
      <nav aria-label={t("pagination")} className="flex flex-wrap gap-2">
        {after && <Link href={query({})} className={`${button.secondary} ${button.small}`}>{t("newest")}</Link>}
        {nextCursor && <Link href={query({ after: nextCursor })} className={`${button.secondary} ${button.small}`}>{t("older")}</Link>}
      </nav>
    </div>
  );
}

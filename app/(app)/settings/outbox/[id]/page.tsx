import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { RetryEmailButton } from "@/components/retry-email-button";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import { LOCALE_NAMES } from "@/lib/i18n/locales";
import { canRetry, findOutboxEmail } from "@/lib/mail/outbox";
import { retryEmailAction } from "../actions";
import { StatusBadge } from "../status-badge";

type Props = { params: Promise<{ id: string }> };

async function loadEmail(params: Props["params"]) {
  const user = await requirePermission("outbox.read");
  const id = z.uuid().safeParse((await params).id);
  const email = id.success ? await findOutboxEmail(getDb(), user.accountId, id.data) : null;
  if (!email) notFound();
  return { user, email };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { email } = await loadEmail(params);
  return { title: `${email.subject} · ${(await getTranslations("outbox"))("title")}` };
}

export default async function OutboxEmailPage({ params }: Props) {
  const { user, email } = await loadEmail(params);
  const [t, format] = await Promise.all([getTranslations("outbox"), getFormatter()]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "medium", timeZone: user.timeZone });
  const facts: [string, React.ReactNode][] = [
    [t("recipient"), email.recipient],
    [t("kind"), t(`kinds.${email.kind}`)],
    [t("language"), <span key="lang" lang={email.locale}>{LOCALE_NAMES[email.locale]}</span>],
    [t("statusLabel"), <StatusBadge key="status" status={email.status} label={t(`status.${email.status}`)} />],
    [t("attempts"), email.attempts],
    [t("created"), when(email.createdAt)],
    [t("sentAt"), email.sentAt ? when(email.sentAt) : "—"],
    [t("messageId"), <code key="mid" className="text-xs">{email.messageId}</code>],
  ];

  return (
    <div className="space-y-6">
      <Link href="/settings/outbox" className="text-sm text-brand-700 underline">{t("back")}</Link>
      <h1 className="text-2xl font-semibold break-anywhere">{email.subject}</h1>
      <dl className="grid max-w-2xl grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_minmax(0,1fr)] sm:gap-y-2">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-700">{label}</dt>
            <dd className="min-w-0 break-anywhere">{value}</dd>
          </div>
        ))}
      </dl>
      {email.lastError && (
        <div className="max-w-2xl rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          <p className="font-medium">{t("lastError")}</p>
          <p className="font-mono text-xs break-all">{email.lastError}</p>
        </div>
      )}
      <RetryEmailButton action={retryEmailAction} id={email.id} retryable={canRetry(email)} labels={{ retry: t("retry"), done: t("retried") }} />
      <section aria-labelledby="preview-heading" className="space-y-2">
        <h2 id="preview-heading" className="text-lg font-semibold">{t("preview")}</h2>
        {(email.kind === "welcome" || email.kind === "transferInvitation") && <p className="max-w-3xl text-sm text-slate-600">{t("linkRedacted")}</p>}
        {email.kind === "passwordReset" && <p className="max-w-3xl text-sm text-slate-600">{t("resetLinkRedacted")}</p>}
        {/* sandbox="" : no scripts, no forms, no same-origin access — the email is only displayed. */}
        <iframe title={t("previewFrame", { subject: email.subject })} sandbox="" srcDoc={email.html} className="h-[560px] w-full max-w-3xl rounded-md border border-slate-300 bg-white" />
      </section>
      <section aria-labelledby="text-heading" className="space-y-2">
        <h2 id="text-heading" className="text-lg font-semibold">{t("textPart")}</h2>
        <pre className="max-w-3xl whitespace-pre-wrap break-anywhere rounded-md border border-slate-300 bg-white p-4 text-sm">{email.text}</pre>
      </section>
    </div>
  );
}

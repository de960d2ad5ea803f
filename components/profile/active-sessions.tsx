import { getFormatter, getTranslations } from "next-intl/server";
import { RevokeOtherSessionsButton, RevokeSessionButton } from "@/components/profile/session-buttons";
import { summarizeUserAgent } from "@/lib/auth/user-agent";

export interface SessionView {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string;
  userAgent: string;
  current: boolean;
}

/** Profile › Active sessions: the user's live sessions, this device first, each but this one with Sign out. */
export async function ActiveSessions({ sessions, timeZone }: { sessions: SessionView[]; timeZone: string }) {
  const t = await getTranslations("profile.sessions");
  const format = await getFormatter();
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short", timeZone });
  const describe = (userAgent: string) => {
    const { browser, os } = summarizeUserAgent(userAgent);
    return t("browserOnOs", { browser: browser ?? t("unknownBrowser"), os: os ?? t("unknownOs") });
  };
  return (
    <section aria-labelledby="active-sessions" className="space-y-3">
      <h2 id="active-sessions" className="text-xl font-semibold">{t("title")}</h2>
      <p className="text-sm text-slate-600">{t("hint")}</p>
      <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
        {sessions.map((session) => (
          <li key={session.id} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3">
            <div id={`session-${session.id}`} className="space-y-1 text-sm">
              <p className="font-medium">
                {describe(session.userAgent)}
                {session.current && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-semibold text-slate-800">{t("thisDevice")}</span>}
              </p>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-slate-700">
                <dt>{t("address")}</dt>
                <dd dir="ltr">{session.ip}</dd>
                <dt>{t("signedIn")}</dt>
                <dd>{when(session.createdAt)}</dd>
                <dt>{t("lastActive")}</dt>
                <dd>{when(session.lastSeenAt)}</dd>
              </dl>
            </div>
            {!session.current && <RevokeSessionButton sessionId={session.id} label={t("signOut")} describedBy={`session-${session.id}`} />}
          </li>
        ))}
      </ul>
      {sessions.some((s) => !s.current) && <RevokeOtherSessionsButton label={t("signOutOthers")} />}
    </section>
  );
}

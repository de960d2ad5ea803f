import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { AcceptTransferForm } from "@/components/invitations/accept-transfer-form";
import { AcceptWelcomeForm } from "@/components/invitations/accept-welcome-form";
import { DeclineInvitationForm } from "@/components/invitations/decline-invitation-form";
import { LanguageSelect } from "@/components/language-select";
import { getDb } from "@/lib/db/client";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { viewInvitation, type InvitationView } from "@/lib/invitations/respond";
import { setLocaleCookieAction } from "../../sign-in/actions";
import { acceptTransferInvitationAction, acceptWelcomeInvitationAction, declineInvitationAction } from "./actions";

// Outside the (app) group: no session needed, the token is the credential. Rendering only reads,
// so a mail scanner opening the link consumes nothing; accepting takes a button press (a POST).

export async function generateMetadata(): Promise<Metadata> {
  // The token is in the URL: keep it out of search engines and out of Referer headers.
  return { title: (await getTranslations("invitations"))("title"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

type Props = { params: Promise<{ token: string }> };

export default async function InvitationPage({ params }: Props) {
  const { token } = await params;
  const [t, locale, invitation] = await Promise.all([getTranslations(), getLocale(), viewInvitation(getDb(), token)]);
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-xl flex-col justify-center gap-6 px-6 py-10">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t("app.name")}</p>
      {!invitation ? (
        <Closed state="unknown" />
      ) : invitation.state !== "open" ? (
        <Closed state={invitation.state} invitation={invitation} />
      ) : invitation.kind === "WELCOME" ? (
        <Welcome token={token} invitation={invitation} />
      ) : (
        <Transfer token={token} invitation={invitation} />
      )}
      <LanguageSelect action={setLocaleCookieAction} current={isLocale(locale) ? locale : DEFAULT_LOCALE} />
    </main>
  );
}

async function InvitedBy({ invitation, transfer }: { invitation: InvitationView; transfer?: boolean }) {
  const t = await getTranslations("invitations");
  const values = { inviter: invitation.inviterName ?? "", account: invitation.accountName, from: invitation.currentAccountName };
  if (transfer) return <p>{invitation.inviterName ? t("transfer.invitedBy", values) : t("transfer.invitedByAccount", values)}</p>;
  return <p>{invitation.inviterName ? t("invitedBy", values) : t("invitedByAccount", values)}</p>;
}

async function Expiry({ invitation, message }: { invitation: InvitationView; message: "expiresOn" | "expiredOn" }) {
  const [t, format] = await Promise.all([getTranslations("invitations"), getFormatter()]);
  const date = format.dateTime(invitation.expiresAt, { dateStyle: "long", timeStyle: "short", timeZone: invitation.user.timeZone });
  return <p className="text-sm text-slate-700">{t(message, { date })}</p>;
}

async function Closed({ state, invitation }: { state: InvitationView["state"] | "unknown"; invitation?: InvitationView }) {
  const t = await getTranslations("invitations");
  const closed = state as Exclude<typeof state, "open">;
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">{t(`closedTitle.${closed}`)}</h1>
      {invitation && <InvitedBy invitation={invitation} transfer={invitation.kind === "TRANSFER"} />}
      <p>{t(`closed.${closed}`)}</p>
      {invitation && state === "expired" && <Expiry invitation={invitation} message="expiredOn" />}
      {invitation?.kind === "TRANSFER" && state === "declined" && <p>{t("transfer.stayed", { account: invitation.currentAccountName })}</p>}
      {state === "accepted" && <Link href="/sign-in" className="inline-block text-brand-700 underline">{t("signIn")}</Link>}
    </div>
  );
}

async function Welcome({ token, invitation }: { token: string; invitation: InvitationView }) {
  const t = await getTranslations("invitations");
  return (
    <>
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("welcome.title", { account: invitation.accountName })}</h1>
        <InvitedBy invitation={invitation} />
        <p className="text-slate-700">{t("welcome.intro")}</p>
        <Expiry invitation={invitation} message="expiresOn" />
      </div>
      <AcceptWelcomeForm action={acceptWelcomeInvitationAction} token={token}
        user={{ email: invitation.user.email, firstName: invitation.user.firstName, lastName: invitation.user.lastName }} />
    </>
  );
}

async function Transfer({ token, invitation }: { token: string; invitation: InvitationView }) {
  const [t, tRoles, format] = await Promise.all([getTranslations("invitations"), getTranslations("roles"), getFormatter()]);
  const from = invitation.currentAccountName;
  const list = (names: string[]) => format.list(names, { type: "conjunction" });
  return (
    <>
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("transfer.title", { account: invitation.accountName })}</h1>
        <InvitedBy invitation={invitation} transfer />
        <Expiry invitation={invitation} message="expiresOn" />
      </div>
      <section aria-labelledby="transfer-effects" className="rounded-md border border-slate-200 bg-white p-4">
        <h2 id="transfer-effects" className="font-semibold">{t("transfer.whatHappens")}</h2>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
          <li>
            {t("transfer.leave", { from })}{" "}
            {invitation.releasedProducts.length > 0 ? t("transfer.released", { products: list(invitation.releasedProducts) }) : t("transfer.noLicences")}
          </li>
          <li>
            {t("transfer.join", { account: invitation.accountName, role: tRoles(invitation.role) })}
            {invitation.joiningProducts.length > 0 && <> {t("transfer.products", { products: list(invitation.joiningProducts) })}</>}
          </li>
          <li>{t("transfer.same", { email: invitation.user.email })}</li>
        </ul>
      </section>
      <AcceptTransferForm action={acceptTransferInvitationAction} token={token} email={invitation.user.email}
        hasPassword={invitation.user.hasPassword} currentAccount={from} />
      <div className="space-y-2 border-t border-slate-200 pt-4">
        <p className="text-sm text-slate-700">{t("transfer.declineIntro", { from })}</p>
        <DeclineInvitationForm action={declineInvitationAction} token={token} />
      </div>
    </>
  );
}

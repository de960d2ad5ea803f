import type { Metadata } from "next";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { AcceptTransferForm } from "@/components/invitations/accept-transfer-form";
import { AcceptWelcomeForm } from "@/components/invitations/accept-welcome-form";
import { DeclineInvitationForm } from "@/components/invitations/decline-invitation-form";
import { LanguageSelect } from "@/components/language-select";
import { SsoContinueForm } from "@/components/sso/sso-continue-form";
import { getCurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";
import { DEFAULT_LOCALE, isLocale, type AppLocale } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/messages";
import { requestLocale } from "@/lib/i18n/request-locale";
import { viewInvitation, type InvitationView } from "@/lib/invitations/respond";
import { continueWithSsoAction, setLocaleCookieAction } from "../../sign-in/actions";
import { acceptTransferInvitationAction, acceptWelcomeInvitationAction, declineInvitationAction } from "./actions";

// Outside the (app) group. A welcome needs no session (the token, sent only to the invitee, is the
// credential); a transfer is answered by its invitee signed in as themselves, and shows anyone else
// nothing about them. Rendering only reads, so a mail scanner opening the link consumes nothing;
// answering takes a button press (a POST).

/**
 * The invitation and the page's language: a signed-in viewer's own; for anyone else, the language
 * they picked on this browser (the cookie), else the welcome invitee's stored language, else the
 * browser's. Once per request (the metadata and the page both ask).
 */
const loadPage = cache(async (token: string) => {
  const viewer = await getCurrentUser();
  const invitation = await viewInvitation(getDb(), token, viewer?.id ?? null);
  const stored = invitation?.kind === "WELCOME" ? invitation.user.locale : null;
  const locale: AppLocale = viewer ? toLocale(await getLocale()) : await requestLocale(stored);
  return { invitation, locale };
});

const toLocale = (value: string): AppLocale => (isLocale(value) ? value : DEFAULT_LOCALE);

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await loadPage((await params).token);
  // The token is in the URL: keep it out of search engines and out of Referer headers.
  return { title: (await getTranslations({ locale, namespace: "invitations" }))("title"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

export default async function InvitationPage({ params }: Props) {
  const { token } = await params;
  const { invitation, locale } = await loadPage(token);
  const t = await getTranslations({ locale });
  return (
    <NextIntlClientProvider locale={locale} messages={MESSAGES[locale]}>
      <main id="main" lang={locale} className="break-anywhere mx-auto flex min-h-screen w-full max-w-xl flex-col justify-center gap-6 px-6 py-10">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t("app.name")}</p>
        {!invitation ? (
          <Closed locale={locale} state="unknown" />
        ) : invitation.state !== "open" ? (
          <Closed locale={locale} state={invitation.state} invitation={invitation} />
        ) : invitation.kind === "WELCOME" ? (
          <Welcome locale={locale} token={token} invitation={invitation} />
        ) : invitation.viewer === "invitee" ? (
          <Transfer locale={locale} token={token} invitation={invitation} />
        ) : (
          <TransferSignIn locale={locale} token={token} invitation={invitation} />
        )}
        <LanguageSelect action={setLocaleCookieAction} current={locale} />
      </main>
    </NextIntlClientProvider>
  );
}

type TransferView = Extract<InvitationView, { kind: "TRANSFER" }>;
type InviteeView = Extract<TransferView, { viewer: "invitee" }>;

/** Who invites to which account; the account the invitee would leave only for the invitee. */
async function InvitedBy({ locale, invitation }: { locale: AppLocale; invitation: InvitationView }) {
  const t = await getTranslations({ locale, namespace: "invitations" });
  const values = { inviter: invitation.inviterName ?? "", account: invitation.accountName };
  if (invitation.kind === "TRANSFER" && invitation.viewer === "invitee") {
    const from = { ...values, from: invitation.currentAccountName };
    return <p>{invitation.inviterName ? t("transfer.invitedBy", from) : t("transfer.invitedByAccount", from)}</p>;
  }
  return <p>{invitation.inviterName ? t("invitedBy", values) : t("invitedByAccount", values)}</p>;
}

/** In the invitee's time zone when it's them reading; else the reader's own (next-intl's default). */
async function Expiry({ locale, invitation, message }: { locale: AppLocale; invitation: InvitationView; message: "expiresOn" | "expiredOn" }) {
  const [t, format] = await Promise.all([getTranslations({ locale, namespace: "invitations" }), getFormatter({ locale })]);
  const timeZone = "user" in invitation ? invitation.user.timeZone : undefined;
  const date = format.dateTime(invitation.expiresAt, { dateStyle: "long", timeStyle: "short", ...(timeZone && { timeZone }) });
  return <p className="text-sm text-slate-700">{t(message, { date })}</p>;
}

async function Closed({ locale, state, invitation }: { locale: AppLocale; state: InvitationView["state"] | "unknown"; invitation?: InvitationView }) {
  const t = await getTranslations({ locale, namespace: "invitations" });
  const closed = state as Exclude<typeof state, "open">;
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">{t(`closedTitle.${closed}`)}</h1>
      {invitation && <InvitedBy locale={locale} invitation={invitation} />}
      <p>{t(`closed.${closed}`)}</p>
      {invitation && state === "expired" && <Expiry locale={locale} invitation={invitation} message="expiredOn" />}
      {invitation?.kind === "TRANSFER" && invitation.viewer === "invitee" && state === "declined" && <p>{t("transfer.stayed", { account: invitation.currentAccountName })}</p>}
      {state === "accepted" && <Link href="/sign-in" className="inline-block text-brand-700 underline">{t("signIn")}</Link>}
    </div>
  );
}

async function Welcome({ locale, token, invitation }: { locale: AppLocale; token: string; invitation: Extract<InvitationView, { kind: "WELCOME" }> }) {
  const t = await getTranslations({ locale, namespace: "invitations" });
  return (
    <>
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("welcome.title", { account: invitation.accountName })}</h1>
        <InvitedBy locale={locale} invitation={invitation} />
        <p className="text-slate-700">{t("welcome.intro")}</p>
        <Expiry locale={locale} invitation={invitation} message="expiresOn" />
      </div>
      {invitation.ssoRequired ? (
        <div className="space-y-3">
          <p role="status">{t("welcome.ssoRequired")}</p>
          <SsoContinueForm action={continueWithSsoAction} email={invitation.user.email} callbackUrl="/" label={t("welcome.continueWithSso")} />
        </div>
      ) : (
        <AcceptWelcomeForm action={acceptWelcomeInvitationAction} token={token}
          user={{ email: invitation.user.email, firstName: invitation.user.firstName, lastName: invitation.user.lastName }} />
      )}
    </>
  );
}

/**
 * A transfer opened by anyone but its invitee: who invites, and a way to sign in. Nothing about the
 * person it was sent to — not their name, their account or their licences.
 */
async function TransferSignIn({ locale, token, invitation }: { locale: AppLocale; token: string; invitation: TransferView }) {
  const t = await getTranslations({ locale, namespace: "invitations" });
  const signIn = `/sign-in?callbackUrl=${encodeURIComponent(`/invitations/${token}`)}`;
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">{t("transfer.title", { account: invitation.accountName })}</h1>
      <InvitedBy locale={locale} invitation={invitation} />
      <Expiry locale={locale} invitation={invitation} message="expiresOn" />
      {invitation.viewer === "someoneElse" ? (
        <p>{t("transfer.someoneElse")}</p>
      ) : (
        <>
          <p>{t("transfer.signInFirst")}</p>
          <p className="text-sm text-slate-700">{t("transfer.noPasswordYet")}</p>
          <Link href={signIn} className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-on-fill hover:bg-brand-700">{t("transfer.signIn")}</Link>
        </>
      )}
    </div>
  );
}

async function Transfer({ locale, token, invitation }: { locale: AppLocale; token: string; invitation: InviteeView }) {
  const [t, tRoles, format] = await Promise.all([
    getTranslations({ locale, namespace: "invitations" }), getTranslations({ locale, namespace: "roles" }), getFormatter({ locale }),
  ]);
  const from = invitation.currentAccountName;
  const list = (names: string[]) => format.list(names, { type: "conjunction" });
  return (
    <>
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("transfer.title", { account: invitation.accountName })}</h1>
        <InvitedBy locale={locale} invitation={invitation} />
        <Expiry locale={locale} invitation={invitation} message="expiresOn" />
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
      <AcceptTransferForm action={acceptTransferInvitationAction} token={token} />
      <div className="space-y-2 border-t border-slate-200 pt-4">
        <p className="text-sm text-slate-700">{t("transfer.declineIntro", { from })}</p>
        <DeclineInvitationForm action={declineInvitationAction} token={token} />
      </div>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { TextField } from "@/components/form-fields";
import { AddDomainForm, OidcConnectionForm, SamlConnectionForm, SsoActionButton, SsoPolicyForm } from "@/components/sso/sso-forms";
import { TableRegion } from "@/components/table-region";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import { findConnection, oidcRedirectUri, spSettings } from "@/lib/sso/connection";
import { listDomains } from "@/lib/sso/domains";
import {
  addSsoDomainAction, removeSsoConnectionAction, removeSsoDomainAction, saveOidcConnectionAction, saveSamlConnectionAction,
  saveSsoPolicyAction, setSsoEnabledAction, testSsoConnectionAction, verifySsoDomainAction,
} from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("ssoSettings"))("title") };
}

const TEST_RESULTS = ["passed", "failed", "stale"] as const;
const cell = "px-3 py-2 align-top";

export default async function SingleSignOnPage({ searchParams }: { searchParams: Promise<{ protocol?: string; test?: string; reason?: string }> }) {
  const user = await requirePermission("sso.manage");
  const db = getDb();
  const [t, connection, domains, params] = await Promise.all([
    getTranslations("ssoSettings"), findConnection(db, user.accountId), listDomains(db, user.accountId), searchParams,
  ]);
  const protocol = params.protocol === "saml" || params.protocol === "oidc" ? params.protocol : connection?.protocol === "SAML" ? "saml" : "oidc";
  const test = TEST_RESULTS.find((r) => r === params.test);
  const sp = spSettings(user.accountId);
  const tab = (value: "oidc" | "saml") => (
    <Link href={`?protocol=${value}`} aria-current={protocol === value ? "page" : undefined}
      className="rounded-md border border-slate-400 px-3 py-1.5 text-sm font-medium aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-800">
      {t(`protocol.${value === "oidc" ? "OIDC" : "SAML"}`)}
    </Link>
  );

  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="max-w-3xl text-slate-600">{t("intro")}</p>
      </div>

      {test && (
        <p role={test === "passed" ? "status" : "alert"} className={`max-w-3xl rounded-md border px-3 py-2 text-sm ${test === "passed" ? "border-green-300 bg-green-50 text-green-900" : "border-red-300 bg-red-50 text-red-800"}`}>
          {t(`test.${test}`)}
          {test === "failed" && params.reason && <span className="block break-anywhere text-xs">{t("test.reason", { reason: params.reason.slice(0, 40) })}</span>}
        </p>
      )}

      <section aria-labelledby="sso-status-heading" className="space-y-3">
        <h2 id="sso-status-heading" className="text-lg font-semibold">{t("statusHeading")}</h2>
        <p className="max-w-3xl">
          {!connection ? t("status.none") : connection.enabled ? t("status.on") : connection.testedAt ? t("status.tested") : t("status.untested")}
        </p>
        {connection && (
          <div className="flex flex-wrap items-start gap-3">
            <SsoActionButton action={testSsoConnectionAction} label={t("testConnection")} />
            {connection.enabled
              ? <SsoActionButton action={setSsoEnabledAction} fields={{ enabled: "false" }} label={t("disable")} />
              : <SsoActionButton action={setSsoEnabledAction} fields={{ enabled: "true" }} label={t("enable")} variant="primary" />}
          </div>
        )}
        <p className="max-w-3xl text-sm text-slate-600">{t("logoutNote")}</p>
      </section>

      <section aria-labelledby="sso-provider-heading" className="space-y-3">
        <h2 id="sso-provider-heading" className="text-lg font-semibold">{t("providerHeading")}</h2>
        <nav aria-label={t("protocolChoice")} className="flex gap-2">{tab("oidc")}{tab("saml")}</nav>
        {protocol === "oidc" ? (
          <>
            <TextField name="redirectUri" label={t("redirectUri")} hint={t("redirectUriHint")} value={oidcRedirectUri()} readOnly className="max-w-2xl" />
            <OidcConnectionForm action={saveOidcConnectionAction} current={{
              issuer: connection?.oidcIssuer ?? "", clientId: connection?.oidcClientId ?? "",
              scopes: connection?.oidcScopes ?? "openid email profile", hasSecret: Boolean(connection?.oidcClientSecret),
            }} />
          </>
        ) : (
          <>
            <div className="grid max-w-2xl gap-3">
              <TextField name="spEntityId" label={t("spEntityId")} value={sp.entityId} readOnly />
              <TextField name="spAcsUrl" label={t("spAcsUrl")} value={sp.acsUrl} readOnly />
              <p className="text-sm"><a href={sp.entityId} className="font-medium text-brand-700 underline">{t("spMetadata")}</a></p>
            </div>
            {connection?.protocol === "SAML" && (
              <dl className="grid max-w-2xl grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                <dt className="font-medium">{t("idpEntityId")}</dt><dd className="break-anywhere">{connection.samlIdpEntityId}</dd>
                <dt className="font-medium">{t("idpSsoUrl")}</dt><dd className="break-anywhere">{connection.samlIdpSsoUrl}</dd>
                <dt className="font-medium">{t("idpCertificates")}</dt><dd>{connection.samlIdpCertificates.length}</dd>
              </dl>
            )}
            <SamlConnectionForm action={saveSamlConnectionAction} />
          </>
        )}
        {connection && <SsoActionButton action={removeSsoConnectionAction} label={t("removeConnection")} variant="ghost" />}
      </section>

      {connection && (
        <section aria-labelledby="sso-policy-heading" className="space-y-3">
          <h2 id="sso-policy-heading" className="text-lg font-semibold">{t("policyHeading")}</h2>
          <SsoPolicyForm action={saveSsoPolicyAction} policy={connection.policy} jitEnabled={connection.jitEnabled} />
        </section>
      )}

      <section aria-labelledby="sso-domains-heading" className="space-y-3">
        <h2 id="sso-domains-heading" className="text-lg font-semibold">{t("domainsHeading")}</h2>
        <p className="max-w-3xl text-slate-600">{t("domainsIntro")}</p>
        {domains.length > 0 && (
          <TableRegion label={t("domainsHeading")}>
            <table className="w-full border-collapse bg-white text-sm">
              <caption className="sr-only">{t("domainsHeading")}</caption>
              <thead className="bg-slate-100 text-left">
                <tr>
                  <th scope="col" className="px-3 py-2">{t("domain")}</th>
                  <th scope="col" className="px-3 py-2">{t("domainStatus")}</th>
                  <th scope="col" className="px-3 py-2">{t("txtRecord")}</th>
                  <th scope="col" className="px-3 py-2"><span className="sr-only">{t("actions")}</span></th>
                </tr>
              </thead>
              <tbody>
                {domains.map((domain) => (
                  <tr key={domain.id} className="border-t border-slate-200">
                    <th scope="row" className={`${cell} text-left font-medium break-anywhere`}>{domain.domain}</th>
                    <td className={cell}>{domain.verifiedAt ? t("verified") : t("pending")}</td>
                    <td className={`${cell} font-mono text-xs break-anywhere`}>
                      {domain.verifiedAt ? "—" : <>
                        <span className="block">{t("txtName")}: {domain.recordName}</span>
                        <span className="block">{t("txtValue")}: {domain.recordValue}</span>
                      </>}
                    </td>
                    <td className={`${cell} space-x-2 whitespace-nowrap`}>
                      {!domain.verifiedAt && <SsoActionButton action={verifySsoDomainAction} fields={{ id: domain.id }} label={t("verify")} variant="ghost" />}
                      <SsoActionButton action={removeSsoDomainAction} fields={{ id: domain.id }} label={t("removeDomain", { domain: domain.domain })} variant="ghost" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
        <AddDomainForm action={addSsoDomainAction} />
      </section>
    </div>
  );
}

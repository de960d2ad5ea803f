import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { CreateTokenForm } from "@/components/api-tokens/create-token-form";
import { RevokeTokenButton } from "@/components/api-tokens/revoke-token-button";
import { TableRegion } from "@/components/table-region";
import { listApiTokens } from "@/lib/api-tokens/tokens";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import { ROLES, roleRank } from "@/lib/permissions";
import { API_TOKEN_EXPIRIES, API_TOKEN_SCOPES } from "@/lib/validation/api-tokens";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiTokens"))("title") };
}

const cell = "px-3 py-2 align-top";

export default async function ApiTokensPage({ searchParams }: { searchParams: Promise<{ revoke?: string }> }) {
  const user = await requirePermission("apiTokens.manage");
  const [t, tRoles, format, tokens, params] = await Promise.all([
    getTranslations("apiTokens"),
    getTranslations("roles"),
    getFormatter(),
    listApiTokens(getDb(), user.accountId),
    searchParams,
  ]);
  const now = new Date();
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short", timeZone: user.timeZone });
  // A token's ceiling is at most its creator's role; only the account holder makes one that never expires.
  const roles = ROLES.filter((r) => roleRank(r) <= roleRank(user.role)).map((r) => ({ value: r, label: tRoles(r) }));
  const expiries = API_TOKEN_EXPIRIES.filter((e) => e !== "never" || user.role === "ACCOUNT_HOLDER").map((e) => ({ value: e, label: t(`expiry.${e}`) }));
  const scopes = API_TOKEN_SCOPES.map((s) => ({ value: s, label: t(`scope.${s}`) }));

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="max-w-3xl text-slate-600">{t("intro")}</p>
        {/* Not prefetched: a large page few visitors open (and a prefetched 404, before it existed, kept the network busy). */}
        <p><Link href="/settings/api-tokens/reference" prefetch={false} className="font-medium text-brand-700 underline">{t("reference")}</Link></p>
      </div>

      <section aria-labelledby="new-token-heading" className="space-y-2">
        <h2 id="new-token-heading" className="text-lg font-semibold">{t("createHeading")}</h2>
        <CreateTokenForm action={createApiTokenAction} roles={roles} expiries={expiries} scopes={scopes} />
      </section>

      <section aria-labelledby="tokens-heading" className="space-y-2">
        <h2 id="tokens-heading" className="text-lg font-semibold">{t("listHeading")}</h2>
        {tokens.length === 0 ? (
          <p className="text-slate-600">{t("empty")}</p>
        ) : (
          <TableRegion label={t("tableRegion")}>
            <table className="w-full border-collapse bg-white text-sm">
              <caption className="sr-only">{t("title")}</caption>
              <thead className="bg-slate-100 text-left">
                <tr>
                  <th scope="col" className="px-3 py-2">{t("name")}</th>
                  <th scope="col" className="px-3 py-2">{t("roleCeiling")}</th>
                  <th scope="col" className="px-3 py-2">{t("scopes")}</th>
                  <th scope="col" className="px-3 py-2">{t("createdBy")}</th>
                  <th scope="col" className="px-3 py-2">{t("createdAt")}</th>
                  <th scope="col" className="px-3 py-2">{t("lastUsed")}</th>
                  <th scope="col" className="px-3 py-2">{t("expires")}</th>
                  <th scope="col" className="w-1 px-3 py-2 whitespace-nowrap">{t("actions")}</th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => (
                  <tr key={token.id} className="border-t border-slate-200">
                    <th scope="row" className={`${cell} min-w-40 text-left font-medium break-anywhere`}>{token.name}</th>
                    <td className={`${cell} whitespace-nowrap`}>{tRoles(token.roleCeiling)}</td>
                    <td className={cell}>{token.scopes.length > 0 ? format.list(token.scopes.map((s) => t(`scope.${s}`))) : t("allScopes")}</td>
                    <td className={`${cell} break-anywhere`}>{token.createdBy ? `${token.createdBy.firstName} ${token.createdBy.lastName}`.trim() : t("formerUser")}</td>
                    <td className={`${cell} whitespace-nowrap`}>{when(token.createdAt)}</td>
                    <td className={cell}>
                      {token.lastUsedAt ? (
                        <>
                          <span className="whitespace-nowrap">{when(token.lastUsedAt)}</span>
                          {token.lastUsedFrom && <span className="block text-slate-600">{t("usedFrom", { address: token.lastUsedFrom })}</span>}
                        </>
                      ) : t("neverUsed")}
                    </td>
                    <td className={`${cell} whitespace-nowrap`}>
                      {token.expiresAt === null ? t("never") : token.expiresAt <= now ? <strong className="font-semibold text-red-800">{t("expired")}</strong> : when(token.expiresAt)}
                    </td>
                    <td className={cell}>
                      {roleRank(token.roleCeiling) <= roleRank(user.role) && (
                        <RevokeTokenButton action={revokeApiTokenAction} token={{ id: token.id, name: token.name }} open={params.revoke === token.id} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ApiReference } from "@/components/api-reference/api-reference";
import { requirePermission } from "@/lib/auth/require";

const OPENAPI_URL = "/api/v1/openapi.json";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiReference"))("title") };
}

/** The REST API's reference, rendered in the browser from the OpenAPI document the API generates. */
export default async function ApiReferencePage() {
  await requirePermission("apiTokens.manage");
  const t = await getTranslations("apiReference");
  const code = (chunks: React.ReactNode) => <code className="rounded bg-slate-100 px-1 py-0.5 text-sm">{chunks}</code>;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <div className="max-w-3xl space-y-2 text-slate-600">
        <p>{t("intro")}</p>
        <p>
          {t.rich("authenticate", {
            code,
            link: (chunks) => <Link href="/settings/api-tokens" className="font-medium text-brand-700 underline">{chunks}</Link>,
          })}
        </p>
        <p>
          {t.rich("document", {
            link: (chunks) => <a href={OPENAPI_URL} className="font-medium text-brand-700 underline">{chunks}</a>,
          })}
        </p>
      </div>
      <ApiReference url={OPENAPI_URL} label={t("operations")} loading={t("loading")} failed={t("failed")} />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { button } from "@/components/button-styles";
import { DelayNotice } from "@/components/imports/delay-notice";
import { ResultToast } from "@/components/imports/result-toast";
import { UploadImportForm } from "@/components/imports/upload-import-form";
import { requirePermission } from "@/lib/auth/require";
import { reflectionDelay } from "@/lib/imports/settings";
import { TOO_LARGE_PARAM } from "@/lib/security/body-limit";
import { userSettingsOptions } from "@/lib/users/settings-options";
import { uploadImportAction } from "../imports/actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("imports"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ImportPage({ searchParams }: Props) {
  const user = await requirePermission("imports.manage");
  const { done, [TOO_LARGE_PARAM]: tooLarge } = await searchParams;
  const [t, options] = await Promise.all([getTranslations("imports"), userSettingsOptions(user)]);
  return (
    <div className="max-w-3xl space-y-4">
      <Link href="/people/users" className="text-sm text-brand-700 underline">{t("backToUsers")}</Link>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {done === "discarded" && <ResultToast message={t("toast.discarded")} />}
      <p className="text-slate-700">{t("intro")}</p>
      <DelayNotice delay={reflectionDelay()} />
      <p className="flex flex-wrap gap-3">
        <a href="/people/users/import/template" download className={`${button.secondary} ${button.small}`}>{t("downloadTemplate")}</a>
        <Link href="/people/users/imports" className={`${button.secondary} ${button.small}`}>{t("history")}</Link>
      </p>
      <UploadImportForm
        action={uploadImportAction}
        defaults={{ locale: user.locale, timeZone: user.timeZone }}
        options={options}
        sentTooLarge={tooLarge === "1"}
      />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { UploadImportForm } from "@/components/imports/upload-import-form";
import { requirePermission } from "@/lib/auth/require";
import { userSettingsOptions } from "@/lib/users/settings-options";
import { uploadImportAction } from "../imports/actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("imports"))("title") };
}

export default async function ImportPage() {
  const user = await requirePermission("imports.manage");
  const [t, options] = await Promise.all([getTranslations("imports"), userSettingsOptions(user)]);
  return (
    <div className="max-w-3xl space-y-4">
      <Link href="/people/users" className="text-sm text-brand-700 underline">{t("backToUsers")}</Link>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-slate-700">{t("intro")}</p>
      <p className="flex flex-wrap gap-4">
        <a href="/people/users/import/template" download className="font-medium text-brand-700 underline">{t("downloadTemplate")}</a>
        <Link href="/people/users/imports" className="font-medium text-brand-700 underline">{t("history")}</Link>
      </p>
      <UploadImportForm
        action={uploadImportAction}
        defaults={{ locale: user.locale, timeZone: user.timeZone }}
        options={options}
      />
    </div>
  );
}

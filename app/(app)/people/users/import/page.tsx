import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { UploadImportForm } from "@/components/imports/upload-import-form";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/locales";
import { accountProducts } from "@/lib/licences/products";
import { ROLES, roleRank } from "@/lib/permissions";
import { groupOptions } from "@/lib/users/list";
import { TIME_ZONES } from "@/lib/validation/users";
import { uploadImportAction } from "../imports/actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("imports"))("title") };
}

export default async function ImportPage() {
  const user = await requirePermission("imports.manage");
  const [t, tRoles, products, groups] = await Promise.all([
    getTranslations("imports"),
    getTranslations("roles"),
    accountProducts(getDb(), user.accountId),
    groupOptions(getDb(), user.accountId),
  ]);
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
        options={{
          products: products.map((p) => ({ code: p.code, name: p.name, seatsLeft: p.seatsLeft })),
          groups,
          roles: ROLES.filter((r) => roleRank(r) <= roleRank(user.role)).map((r) => ({ value: r, label: tRoles(r) })),
          locales: LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] })),
          timeZones: TIME_ZONES,
        }}
      />
    </div>
  );
}

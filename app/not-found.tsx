import Link from "next/link";
import { button } from "@/components/button-styles";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <main className="mx-auto max-w-lg px-6 py-10 text-center break-anywhere">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-slate-600">{t("body")}</p>
      <Link href="/" className={`${button.secondary} mt-6`}>{t("home")}</Link>
    </main>
  );
}

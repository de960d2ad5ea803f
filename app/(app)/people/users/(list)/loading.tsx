import { getTranslations } from "next-intl/server";

export default async function Loading() {
  const t = await getTranslations("users");
  return (
    <div role="status" aria-live="polite" className="space-y-3">
      <p className="text-sm text-slate-600">{t("loading")}</p>
      {Array.from({ length: 8 }, (_, i) => <div key={i} aria-hidden="true" className="h-8 animate-pulse rounded bg-slate-200" />)}
    </div>
  );
}

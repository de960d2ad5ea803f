import { useTranslations } from "next-intl";

/** Recovery codes just issued, shown this once (they are stored only as digests). */
export function RecoveryCodesShown({ codes }: { codes: string[] }) {
  const t = useTranslations("profile.security.recovery");
  return (
    <div role="status" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3">
      <p className="text-sm font-medium text-amber-950">{t("shownOnce")}</p>
      <ol aria-label={t("listLabel")} className="grid grid-cols-2 gap-x-6 gap-y-1 font-mono text-sm" dir="ltr">
        {codes.map((code) => <li key={code}>{code}</li>)}
      </ol>
    </div>
  );
}

import { useFormatter, useTranslations } from "next-intl";

export interface ReflectionDelay {
  value: number;
  unit: "hour" | "minute" | "second";
}

/**
 * When the users of a confirmed import appear (IMPORT_REFLECTION_DELAY, lib/imports/settings.ts),
 * said before confirming — on the upload page and on the report — so nobody waits for them at once.
 */
export function DelayNotice({ delay }: { delay: ReflectionDelay }) {
  const t = useTranslations("imports");
  const format = useFormatter();
  return (
    <p className="rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-900">
      {delay.value === 0
        ? t("delayNoticeNow")
        : t("delayNotice", { delay: format.number(delay.value, { style: "unit", unit: delay.unit, unitDisplay: "long" }) })}
    </p>
  );
}

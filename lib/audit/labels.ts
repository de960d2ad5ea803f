import { MESSAGES } from "@/lib/i18n/catalogues";
import type { AppLocale } from "@/lib/i18n/locales";

/** "user.role.change" in that language ("Role changed"); an action without a label keeps its recorded name. */
export function actionLabel(locale: AppLocale, action: string): string {
  const labels: Record<string, string | undefined> = MESSAGES[locale].audit.actions;
  return labels[action.replace(/\./g, "_")] ?? action;
}

export const personName = (user: { firstName: string; lastName: string }) => `${user.firstName} ${user.lastName}`.trim();

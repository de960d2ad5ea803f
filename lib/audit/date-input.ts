import type { AppLocale } from "@/lib/i18n/locales";
import { isCalendarDay } from "@/lib/time-zone";

type Part = "day" | "month" | "year";

/** How the language writes a day in figures: the order of its parts and the separator ("22.11.2026" → day, month, year and "."). */
export function dayFormat(locale: AppLocale): { order: Part[]; separator: string } {
  const parts = new Intl.DateTimeFormat(locale, { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" }).formatToParts(new Date(Date.UTC(2026, 10, 22)));
  const order = parts.filter((p): p is Intl.DateTimeFormatPart & { type: Part } => p.type === "day" || p.type === "month" || p.type === "year").map((p) => p.type);
  return { order, separator: parts.find((p) => p.type === "literal")?.value ?? "/" };
}

/** The pattern shown as a hint, with the language's own letters ("TT.MM.JJJJ" in German). */
export function dayPattern(locale: AppLocale, letters: Record<Part, string>): string {
  const { order, separator } = dayFormat(locale);
  return order.map((part) => letters[part]).join(separator);
}

/** A calendar day ("2026-11-22") as the language writes it ("22.11.2026"). */
export function formatDayInput(day: string, locale: AppLocale): string {
  if (!isCalendarDay(day)) return day;
  const [year, month, date] = day.split("-");
  const { order, separator } = dayFormat(locale);
  return order.map((part) => ({ day: date, month, year })[part]).join(separator);
}

/**
 * What a person typed as a day, in their language's order with any of . / - or spaces between the
 * figures (or as an ISO day), as an ISO calendar day; null when it is no real day.
 */
export function parseDayInput(input: string, locale: AppLocale): string | null {
  const value = input.trim();
  if (isCalendarDay(value)) return value;
  const figures = value.split(/[\s./-]+/);
  if (figures.length !== 3 || !figures.every((f) => /^\d+$/.test(f))) return null;
  const { order } = dayFormat(locale);
  const part = (name: Part) => figures[order.indexOf(name)];
  const year = part("year");
  if (year.length !== 4 || part("month").length > 2 || part("day").length > 2) return null;
  const day = `${year}-${part("month").padStart(2, "0")}-${part("day").padStart(2, "0")}`;
  return isCalendarDay(day) ? day : null;
}

/**
 * A `from` or `to` parameter as the filter form shows it: an ISO day (links) shown in the viewer's
 * format; a day typed in that format, to be redirected to its ISO form; or text that is no day.
 */
export function readDayParam(raw: string | undefined, locale: AppLocale): { text: string; iso?: string; typed: boolean; invalid: boolean } {
  if (!raw) return { text: "", typed: false, invalid: false };
  if (isCalendarDay(raw)) return { text: formatDayInput(raw, locale), iso: raw, typed: false, invalid: false };
  const iso = parseDayInput(raw, locale) ?? undefined;
  return { text: raw, iso, typed: iso !== undefined, invalid: iso === undefined };
}

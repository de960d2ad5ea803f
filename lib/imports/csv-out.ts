import { LOCALE_NAMES, type AppLocale } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/catalogues";
import { csvFile } from "@/lib/csv/write";
import { IMPORT_COLUMNS, type ImportColumn } from "./columns";

function columnHeaders(locale: AppLocale): string[] {
  const { columns } = MESSAGES[locale].imports;
  return IMPORT_COLUMNS.map((column) => columns[column]);
}

/** The template's example user, written the way someone in that language would. */
const EXAMPLES: Record<AppLocale, { firstName: string; lastName: string; email: string; timeZone: string }> = {
  en: { firstName: "Zoë", lastName: "O'Brien", email: "zoe.obrien@example.com", timeZone: "Europe/London" },
  fr: { firstName: "Chloé", lastName: "Lefèvre", email: "chloe.lefevre@example.com", timeZone: "Europe/Paris" },
  it: { firstName: "Niccolò", lastName: "Ferrà", email: "niccolo.ferra@example.com", timeZone: "Europe/Rome" },
  de: { firstName: "Jürgen", lastName: "Müller", email: "juergen.mueller@example.com", timeZone: "Europe/Berlin" },
  es: { firstName: "Begoña", lastName: "Núñez", email: "begona.nunez@example.com", timeZone: "Europe/Madrid" },
  pt: { firstName: "João", lastName: "Conceição", email: "joao.conceicao@example.com", timeZone: "Europe/Lisbon" },
  nl: { firstName: "Daniëlle", lastName: "de Vries", email: "danielle.devries@example.com", timeZone: "Europe/Amsterdam" },
};

/**
 * The "Download CSV template" file: localized headers and one example row, language and role in
 * the locale's own words. Its User group is one of the account's (`group`), or empty when it has
 * none: the example row imports as it is, never failing on a group the account doesn't have.
 */
export function templateCsv(locale: AppLocale, group = ""): string {
  const example = EXAMPLES[locale];
  const values: Record<ImportColumn, string> = { ...example, group, language: LOCALE_NAMES[locale], role: MESSAGES[locale].roles.MEMBER };
  return csvFile(locale, [columnHeaders(locale), IMPORT_COLUMNS.map((column) => values[column])]);
}

/** The rows that had problems, as the user wrote them, with their row number and the reasons (already localized). */
export function errorRowsCsv(locale: AppLocale, rows: { row: number; raw: Record<ImportColumn, string>; reasons: string[] }[]): string {
  const { errorsCsv } = MESSAGES[locale].imports;
  const header = [errorsCsv.row, ...columnHeaders(locale), errorsCsv.problems];
  return csvFile(locale, [header, ...rows.map(({ row, raw, reasons }) => [String(row), ...IMPORT_COLUMNS.map((c) => raw[c]), reasons.join(" ")])]);
}

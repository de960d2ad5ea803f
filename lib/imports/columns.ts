import { LOCALES } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/catalogues";
import { foldText } from "@/lib/users/search-key";

/** The CSV import's columns, in the template's order. */
export const IMPORT_COLUMNS = ["firstName", "lastName", "email", "language", "timeZone", "group", "role"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ["firstName", "email"];

/**
 * The comparison key for headers and for words in cells (languages, roles): case, accents,
 * spacing, "_" / "-" / "*" and a "(note)" don't matter, so "E-MAIL *", "e_mail" and "E-mail"
 * are one key, and "ACCOUNT_HOLDER" meets "Account holder".
 */
export function foldKey(text: string): string {
  return foldText(text.replace(/\([^)]*\)/g, " ").replace(/[_*-]+/g, " ").replace(/[’‘`´]/g, "'"));
}

/** Headers people write that no catalogue uses: other wordings, and the column keys themselves. */
const ALIASES: Record<ImportColumn, string[]> = {
  firstName: ["firstName", "first", "given name", "forename", "prenom", "nome", "primeiro nome", "nombre de pila"],
  lastName: ["lastName", "last", "surname", "family name", "nom de famille", "familienname", "apellido", "sobrenome", "ultimo nome"],
  email: ["email address", "e-mail", "e-mail address", "mail", "work email", "courriel", "adresse email", "correo", "e-mail-adresse", "emailadres", "indirizzo email"],
  language: ["locale", "lang", "langue", "lingua", "sprache", "idioma", "taal"],
  timeZone: ["timeZone", "tz", "fuseau", "fuso orario", "zeitzone", "zona horaria", "tijdzone"],
  group: ["group", "groupe", "gruppo", "gruppe", "grupo", "groep"],
  role: ["role", "rôle", "ruolo", "rolle", "rol", "funcao"],
};

/** Every known header, folded, to its column: each catalogue's CSV and Add-user labels, then the aliases. */
const HEADERS = new Map<string, ImportColumn>();
for (const column of IMPORT_COLUMNS) {
  const labels = LOCALES.flatMap((locale) => {
    const { imports, addUsers } = MESSAGES[locale];
    return [imports.columns[column], addUsers[column === "email" ? "workEmail" : column]];
  });
  for (const label of [...labels, ...ALIASES[column]]) {
    const key = foldKey(label);
    const known = HEADERS.get(key);
    // Static data, so this fails every test run the moment two languages' words collide.
    if (known && known !== column) throw new Error(`CSV header "${label}" would mean both ${known} and ${column}`);
    HEADERS.set(key, column);
  }
}

/** The column a header cell names, in any of the 7 languages, any case; undefined when none. */
export function columnForHeader(cell: string): ImportColumn | undefined {
  return HEADERS.get(foldKey(cell));
}

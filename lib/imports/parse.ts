import Papa from "papaparse";
import { AccountRole } from "@/lib/generated/prisma/enums";
import { LOCALE_NAMES, LOCALES, isLocale, type AppLocale } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/catalogues";
import { addUserRowSchema } from "@/lib/validation/add-users";
import { groupNameSchema } from "@/lib/validation/groups";
import { TIME_ZONES } from "@/lib/validation/users";
import { IMPORT_COLUMNS, REQUIRED_COLUMNS, columnForHeader, foldKey, type ImportColumn } from "./columns";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "./limits";

export type FileProblem =
  | { code: "tooLarge"; limit: number }
  | { code: "empty" }
  | { code: "headerOnly" }
  | { code: "unreadable" }
  | { code: "missingColumns"; columns: ImportColumn[] }
  | { code: "tooManyRows"; limit: number; rows: number }
  | { code: "duplicateColumns"; columns: ImportColumn[] };

export type CellProblem = {
  column: ImportColumn;
  code: "required" | "invalidEmail" | "tooLong" | "invalid" | "unknownLanguage" | "unknownTimeZone" | "unknownRole";
};

export interface ParsedRow {
  /** 1-based position under the header, blank rows counted: data row n is the spreadsheet's row n + 1. */
  row: number;
  /** Each cell trimmed, as written in the file; "" when the cell or the column is absent. */
  raw: Record<ImportColumn, string>;
  /** At most one per column. */
  problems: CellProblem[];
  /** Set when `problems` is empty; an optional cell left empty means "use the batch setting". */
  value?: {
    firstName: string;
    lastName: string;
    /** Trimmed, lower-case. */
    email: string;
    locale?: AppLocale;
    timeZone?: string;
    /** A group's name, as written; not resolved here. */
    group?: string;
    role?: AccountRole;
  };
}

export type ParseImportResult =
  | { ok: false; problem: FileProblem }
  | { ok: true; rows: ParsedRow[]; ignoredColumns: string[]; delimiter: Delimiter; encoding: "utf-8" | "windows-1252" };

type Delimiter = "," | ";" | "\t";
const DELIMITERS: Delimiter[] = [",", ";", "\t"];

/** Each language named in the 7 languages (the catalogue order of LOCALES), beside its own name and code. */
const LANGUAGE_NAMES: Record<AppLocale, string[]> = {
  en: ["English", "Anglais", "Inglese", "Englisch", "Inglés", "Inglês", "Engels"],
  fr: ["French", "Français", "Francese", "Französisch", "Francés", "Francês", "Frans"],
  it: ["Italian", "Italien", "Italiano", "Italienisch", "Italiano", "Italiano", "Italiaans"],
  de: ["German", "Allemand", "Tedesco", "Deutsch", "Alemán", "Alemão", "Duits"],
  es: ["Spanish", "Espagnol", "Spagnolo", "Spanisch", "Español", "Espanhol", "Spaans", "Castellano"],
  pt: ["Portuguese", "Portugais", "Portoghese", "Portugiesisch", "Portugués", "Português", "Portugees"],
  nl: ["Dutch", "Néerlandais", "Olandese", "Niederländisch", "Neerlandés", "Neerlandês", "Nederlands", "Flemish", "Vlaams"],
};

const LANGUAGES = new Map<string, AppLocale>(
  LOCALES.flatMap((locale) => [locale, LOCALE_NAMES[locale], ...LANGUAGE_NAMES[locale]].map((name) => [foldKey(name), locale] as const)),
);

const ROLES = new Map<string, AccountRole>(
  Object.values(AccountRole).flatMap((role) => [role, ...LOCALES.map((locale) => MESSAGES[locale].roles[role])].map((name) => [foldKey(name), role] as const)),
);

const ZONES = new Map(TIME_ZONES.map((zone) => [zone.toLowerCase(), zone]));

/** The schemas' messages, as the import's problem codes. */
const SCHEMA_CODES: Record<string, CellProblem["code"]> = {
  "validation.required": "required",
  "validation.email": "invalidEmail",
  "validation.tooLong": "tooLong",
  "validation.invalid": "invalid",
};

/** A code ("fr", "FR", "fr-CA", "pt_BR") or a language's name in any of the 7 languages. */
function localeFromCell(cell: string): AppLocale | undefined {
  const base = /^([a-z]{2})(?:[-_][a-z0-9]{2,8})?$/i.exec(cell)?.[1].toLowerCase();
  if (isLocale(base)) return base;
  return LANGUAGES.get(foldKey(cell));
}

/** An IANA name in any case, with spaces for underscores ("america/new york" → "America/New_York"). */
function timeZoneFromCell(cell: string): string | undefined {
  return ZONES.get(cell.toLowerCase().replace(/ /g, "_"));
}

function validateRow(raw: Record<ImportColumn, string>): Pick<ParsedRow, "problems" | "value"> {
  const problems: CellProblem[] = [];
  const add = (column: ImportColumn, code: CellProblem["code"]) => {
    if (!problems.some((p) => p.column === column)) problems.push({ column, code });
  };

  const names = addUserRowSchema.safeParse({ firstName: raw.firstName, lastName: raw.lastName, email: raw.email });
  if (!names.success) {
    for (const issue of names.error.issues) add(issue.path[0] as ImportColumn, SCHEMA_CODES[issue.message] ?? "invalid");
  }
  const locale = raw.language ? localeFromCell(raw.language) : undefined;
  if (raw.language && !locale) add("language", "unknownLanguage");
  const timeZone = raw.timeZone ? timeZoneFromCell(raw.timeZone) : undefined;
  if (raw.timeZone && !timeZone) add("timeZone", "unknownTimeZone");
  const role = raw.role ? ROLES.get(foldKey(raw.role)) : undefined;
  if (raw.role && !role) add("role", "unknownRole");
  const group = raw.group ? groupNameSchema.safeParse(raw.group) : undefined;
  if (group && !group.success) add("group", SCHEMA_CODES[group.error.issues[0].message] ?? "invalid");

  // Report problems in the file's column order, whatever order they were found in.
  problems.sort((a, b) => IMPORT_COLUMNS.indexOf(a.column) - IMPORT_COLUMNS.indexOf(b.column));
  if (problems.length > 0 || !names.success) return { problems };
  return { problems, value: { ...names.data, locale, timeZone, group: raw.group || undefined, role } };
}

/**
 * Windows-1252's bytes 0x80–0x9F (€, curly quotes, Œ, Ÿ…); the five it leaves undefined stay C1
 * controls. Node 20.18.3+ decodes "windows-1252" as Latin-1 (nodejs/node#60888), so we map them.
 */
const CP1252_C1 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/**
 * How many of the bytes over 0x7F form well-formed UTF-8 sequences, and how many don't. Windows-1252
 * text has an accented letter before plain ASCII almost everywhere (not UTF-8), and a valid-looking
 * pair only by rare chance ("Ü’"); UTF-8 text with a damaged byte has mostly valid sequences.
 */
function utf8Sequences(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i];
    if (lead < 0x80) continue;
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    const tail = bytes.subarray(i + 1, i + length);
    if (length > 0 && tail.length === length - 1 && tail.every((b) => b >= 0x80 && b <= 0xbf)) {
      valid++;
      i += length - 1;
    } else invalid++;
  }
  return { valid, invalid };
}

/**
 * UTF-8 (with or without a BOM), else Windows-1252, the usual other choice of spreadsheet programs
 * in these 7 languages, where every byte decodes. A file that is mostly UTF-8 but has bytes that
 * aren't (damaged, or two files pasted together) is neither: null, rather than every "é" of it read
 * as "Ã©".
 */
function decode(bytes: Uint8Array): { text: string; encoding: "utf-8" | "windows-1252" } | null {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body), encoding: "utf-8" };
  } catch {
    const { valid, invalid } = utf8Sequences(body);
    if (body !== bytes || valid > invalid) return null;
    const latin = new TextDecoder("windows-1252").decode(body);
    return { text: latin.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]), encoding: "windows-1252" };
  }
}

/** A text file has tabs and line breaks; a binary one (or UTF-16 text) has NULs and many other controls. */
function looksBinary(bytes: Uint8Array, text: string): boolean {
  if (bytes.includes(0)) return true;
  const controls = text.match(/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g)?.length ?? 0;
  return controls > 3 && controls > text.length / 50;
}

const isBlank = (record: string[]) => record.every((cell) => cell.trim() === "");

function records(text: string, delimiter: Delimiter): string[][] {
  return Papa.parse<string[]>(text, { delimiter, newline: "\n", skipEmptyLines: false }).data;
}

/**
 * Excel's `sep=;` first line (what Excel writes and reads to name a file's delimiter, in any
 * locale): its delimiter, and the text after that line. Excel hides the line, so rows keep
 * counting from the header.
 */
function separatorLine(text: string): { delimiter: Delimiter; rest: string } | undefined {
  const match = /^"?sep=(.)"?[ \t]*(?:\n|$)/i.exec(text);
  const delimiter = DELIMITERS.find((d) => d === match?.[1]);
  return match && delimiter ? { delimiter, rest: text.slice(match[0].length) } : undefined;
}

/**
 * The delimiter that makes the first non-blank line name the most known columns; papaparse's guess
 * first, and kept on a tie (a file whose header names no column at all is read with it too). A
 * `sep=` first line decides instead.
 */
function splitRecords(text: string): { delimiter: Delimiter; records: string[][] } {
  const declared = separatorLine(text);
  if (declared) return { delimiter: declared.delimiter, records: records(declared.rest, declared.delimiter) };
  const guessed = Papa.parse<string[]>(text, { delimitersToGuess: DELIMITERS, newline: "\n", preview: 10 }).meta.delimiter;
  const order = [...new Set([DELIMITERS.find((d) => d === guessed) ?? ",", ...DELIMITERS])];
  let best: { delimiter: Delimiter; records: string[][]; known: number } | undefined;
  for (const delimiter of order) {
    const parsed = records(text, delimiter);
    const header = parsed.find((record) => !isBlank(record)) ?? [];
    const known = new Set(header.map(columnForHeader).filter(Boolean)).size;
    if (!best || known > best.known) best = { delimiter, records: parsed, known };
    if (REQUIRED_COLUMNS.every((column) => header.some((cell) => columnForHeader(cell) === column))) break;
  }
  return best!;
}

/**
 * Reads an uploaded CSV file into rows validated like the Add user form. Pure and total: any
 * bytes give either one file-level problem or a row-by-row report, never an exception.
 */
export function parseImportFile(bytes: Uint8Array): ParseImportResult {
  if (bytes.length > MAX_IMPORT_BYTES) return { ok: false, problem: { code: "tooLarge", limit: MAX_IMPORT_BYTES } };
  const read = decode(bytes);
  if (!read || looksBinary(bytes, read.text)) return { ok: false, problem: { code: "unreadable" } };
  const { text: decoded, encoding } = read;
  // One line ending for papaparse: CRLF, LF and old CR files, and files that mix them. A line break
  // inside a quoted cell becomes LF too (no field keeps one: validation refuses it at the cell).
  const text = decoded.replace(/\r\n?/g, "\n");
  if (text.trim() === "") return { ok: false, problem: { code: "empty" } };

  const { delimiter, records: all } = splitRecords(text);
  const headerIndex = all.findIndex((record) => !isBlank(record));
  if (headerIndex === -1) return { ok: false, problem: { code: "empty" } };

  const columnAt: (ImportColumn | undefined)[] = [];
  const ignoredColumns: string[] = [];
  const duplicates = new Set<ImportColumn>();
  for (const cell of all[headerIndex]) {
    const column = columnForHeader(cell);
    if (column && columnAt.includes(column)) duplicates.add(column);
    if (!column && cell.trim()) ignoredColumns.push(cell.trim());
    columnAt.push(column);
  }
  if (duplicates.size > 0) return { ok: false, problem: { code: "duplicateColumns", columns: IMPORT_COLUMNS.filter((c) => duplicates.has(c)) } };
  const missing = REQUIRED_COLUMNS.filter((column) => !columnAt.includes(column));
  if (missing.length > 0) return { ok: false, problem: { code: "missingColumns", columns: missing } };

  const data = all.slice(headerIndex + 1).map((record, i) => ({ record, row: i + 1 })).filter(({ record }) => !isBlank(record));
  if (data.length === 0) return { ok: false, problem: { code: "headerOnly" } };
  if (data.length > MAX_IMPORT_ROWS) return { ok: false, problem: { code: "tooManyRows", limit: MAX_IMPORT_ROWS, rows: data.length } };

  const rows = data.map(({ record, row }): ParsedRow => {
    const raw = Object.fromEntries(IMPORT_COLUMNS.map((column) => [column, ""])) as Record<ImportColumn, string>;
    columnAt.forEach((column, i) => {
      if (column) raw[column] = (record[i] ?? "").trim();
    });
    return { row, raw, ...validateRow(raw) };
  });
  return { ok: true, rows, ignoredColumns, delimiter, encoding };
}

import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { IMPORT_COLUMNS, type ImportColumn } from "@/lib/imports/columns";
import { escapeCell, toCsv } from "@/lib/csv/write";
import { errorRowsCsv, templateCsv } from "@/lib/imports/csv-out";
import { parseImportFile } from "@/lib/imports/parse";
import { LOCALES } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/messages";

const readBack = (csv: string, delimiter = ",") => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { delimiter, skipEmptyLines: true }).data;

describe("escapeCell", () => {
  it.each([
    ["Ann", "Ann"],
    ["", ""],
    ["=1+1", "'=1+1"],
    ["+33 1 23 45 67 89", "'+33 1 23 45 67 89"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=cmd", "\"'\t=cmd\""],
    ["\r=cmd", "\"'\r=cmd\""],
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ["Sales, EMEA", '"Sales, EMEA"'],
    ["Support; L2", '"Support; L2"'],
    ['O"Brien', '"O""Brien"'],
    ["line one\nline two", '"line one\nline two"'],
    ["a=b", "a=b"],
  ])("%j → %j", (value, expected) => {
    expect(escapeCell(value)).toBe(expected);
  });
});

describe("toCsv", () => {
  it("ends every row with CRLF", () => {
    expect(toCsv([["a", "b"], ["c", ""]])).toBe("a,b\r\nc,\r\n");
  });

  it("round-trips through papaparse, formulas coming back with their apostrophe", () => {
    const rows = [
      ["=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1)", "\tTabbed", "\rReturn"],
      ['say "hi"', "a,b;c\td", "line one\r\nline two", "<script>alert(1)</script>", "مريم \u202Egnp.exe", "👩‍💻"],
      ["", " padded ", "Robert'); DROP TABLE users;--", "x".repeat(10_240), "'already quoted", "plain"],
    ];
    const formula = /^[=+\-@\t\r]/;
    expect(readBack(toCsv(rows))).toEqual(rows.map((cells) => cells.map((c) => (formula.test(c) ? `'${c}` : c))));
  });
});

describe("templateCsv", () => {
  it.each(LOCALES)("%s: a BOM, the localized headers and an example row the parser accepts in full", (locale) => {
    const csv = templateCsv(locale, "Field technicians");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const [header, example, ...rest] = readBack(csv, locale === "en" ? "," : ";");
    expect(header).toEqual(IMPORT_COLUMNS.map((c) => MESSAGES[locale].imports.columns[c]));
    expect(rest).toEqual([]);
    expect(example).toHaveLength(IMPORT_COLUMNS.length);
    expect(example.every((cell) => cell !== "")).toBe(true);

    const parsed = parseImportFile(new TextEncoder().encode(csv));
    expect(parsed).toMatchObject({ ok: true, ignoredColumns: [], delimiter: locale === "en" ? "," : ";", encoding: "utf-8" });
    const [row] = parsed.ok ? parsed.rows : [];
    expect(row.problems).toEqual([]);
    expect(row.value).toMatchObject({ locale, role: "MEMBER", timeZone: example[4], group: example[5] });
    expect(row.value?.firstName).toMatch(/[^\x00-\x7f]/); // an accented name, which the BOM keeps intact
  });

  it("en, exactly", () => {
    expect(templateCsv("en", "Helpdesk")).toBe(
      "\uFEFFFirst name,Last name,Email,Language,Time zone,User group,Account role\r\nZoë,O'Brien,zoe.obrien@example.com,English,Europe/London,Helpdesk,Member\r\n",
    );
  });

  it("leaves the User group empty for an account without groups", () => {
    const [, example] = readBack(templateCsv("de"), ";");
    expect(example[5]).toBe("");
    const parsed = parseImportFile(new TextEncoder().encode(templateCsv("de")));
    expect(parsed.ok && parsed.rows[0].problems).toEqual([]);
  });
});

describe("errorRowsCsv", () => {
  const raw = (cells: Partial<Record<ImportColumn, string>>) => ({ ...Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, ""])), ...cells }) as Record<ImportColumn, string>;

  it("writes the row number, the cells as the user wrote them (formula-escaped) and the reasons", () => {
    const csv = errorRowsCsv("fr", [
      { row: 3, raw: raw({ firstName: "=cmd|' /C calc'!A0", email: "not-an-email" }), reasons: ["Adresse e-mail : non valide.", "Langue : inconnue."] },
      { row: 7, raw: raw({ firstName: "Zoë", email: "zoe@example.com", group: "Sales, EMEA", role: "Overlord" }), reasons: ["Rôle inconnu."] },
    ]);
    expect(csv).toBe(
      "\uFEFFLigne;Prénom;Nom;Adresse e-mail;Langue;Fuseau horaire;Groupe d'utilisateurs;Rôle dans le compte;Problèmes\r\n" +
        "3;'=cmd|' /C calc'!A0;;not-an-email;;;;;Adresse e-mail : non valide. Langue : inconnue.\r\n" +
        '7;Zoë;;zoe@example.com;;;"Sales, EMEA";Overlord;Rôle inconnu.\r\n',
    );
  });

  it("can be fixed and imported again: its columns are recognized, Row and Problems ignored", () => {
    const csv = errorRowsCsv("de", [{ row: 1, raw: raw({ firstName: "Jürgen", email: "juergen@example.com" }), reasons: ["Zu lang."] }]);
    const parsed = parseImportFile(new TextEncoder().encode(csv));
    expect(parsed).toMatchObject({ ok: true, ignoredColumns: ["Zeile", "Probleme"] });
    expect(parsed.ok && parsed.rows[0].value).toMatchObject({ firstName: "Jürgen", email: "juergen@example.com" });
  });
});

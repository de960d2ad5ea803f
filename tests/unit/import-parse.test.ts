import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IMPORT_COLUMNS, columnForHeader } from "@/lib/imports/columns";
import { MAX_IMPORT_BYTES } from "@/lib/imports/limits";
import { parseImportFile, type ParsedRow } from "@/lib/imports/parse";
import { LOCALES } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/messages";
import { corpus } from "../fixtures/csv/make-corpus";

const dir = path.resolve(import.meta.dirname, "../fixtures/csv");
const parseFixture = (name: string) => parseImportFile(fs.readFileSync(path.join(dir, name)));

function okFixture(name: string) {
  const result = parseFixture(name);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.problem)}`);
  return result;
}

/** Each row as "column:code …" (its problems) or its value, for exact comparisons. */
const outcome = (row: ParsedRow) => (row.problems.length ? row.problems.map((p) => `${p.column}:${p.code}`).join(" ") : row.value);

describe("the corpus", () => {
  it("is what make-corpus.ts writes, byte for byte, and nothing else", () => {
    const expected = corpus();
    const onDisk = fs.readdirSync(dir).filter((name) => name !== "make-corpus.ts");
    expect(onDisk.sort()).toEqual(Object.keys(expected).sort());
    for (const [name, bytes] of Object.entries(expected)) expect(fs.readFileSync(path.join(dir, name)).equals(bytes), name).toBe(true);
  });
});

describe("encodings, delimiters and line endings", () => {
  const accented = [
    { firstName: "Chloé", lastName: "Lefèvre", email: "chloe@example.com" },
    { firstName: "Zoë", lastName: "Ørsted", email: "zoe@example.com" },
  ];

  it.each(["utf8-bom.csv", "utf8-no-bom.csv"])("%s: UTF-8 with or without a BOM", (name) => {
    const result = okFixture(name);
    expect(result).toMatchObject({ encoding: "utf-8", delimiter: ",", ignoredColumns: [] });
    expect(result.rows.map(outcome)).toEqual(accented);
    expect(result.rows[0].raw.firstName).toBe("Chloé"); // no BOM left on the first header or cell
  });

  it("Windows-1252: é, ü, ñ, € and a curly apostrophe in a header", () => {
    const result = okFixture("windows-1252.csv");
    expect(result).toMatchObject({ encoding: "windows-1252", delimiter: ";", ignoredColumns: [] });
    expect(result.rows.map(outcome)).toEqual([
      { firstName: "René", lastName: "Müller", email: "rene@example.com", group: "Équipe €" },
      { firstName: "Iñaki", lastName: "Núñez", email: "inaki@example.com", group: "Ventes" },
    ]);
  });

  it("semicolons, with a comma inside a cell", () => {
    const result = okFixture("semicolon.csv");
    expect(result.delimiter).toBe(";");
    expect(result.rows.map(outcome)).toEqual([{ firstName: "Ann", lastName: "Lee", email: "ann@example.com", group: "Sales, EMEA" }]);
  });

  it("tabs, and a time zone in lower case comes back canonical", () => {
    const result = okFixture("tab.csv");
    expect(result.delimiter).toBe("\t");
    expect(result.rows.map(outcome)).toEqual([{ firstName: "Ann", lastName: "", email: "ann@example.com", timeZone: "Europe/Paris" }]);
  });

  it("CRLF, LF, and a mix of CRLF, LF and CR read the same", () => {
    const two = [
      { firstName: "Ann", lastName: "", email: "ann@example.com" },
      { firstName: "Bob", lastName: "", email: "bob@example.com" },
    ];
    expect(okFixture("crlf.csv").rows.map(outcome)).toEqual(two);
    expect(okFixture("lf.csv").rows.map(outcome)).toEqual(two);
    expect(okFixture("mixed-line-endings.csv").rows.map(outcome)).toEqual([...two, { firstName: "Cy", lastName: "", email: "cy@example.com" }]);
  });

  it("quoted fields: doubled quotes, delimiters and line breaks inside; a name with a line break is invalid", () => {
    const result = okFixture("quoted.csv");
    expect(result.ignoredColumns).toEqual(["Notes"]);
    expect(result.rows.map(outcome)).toEqual([
      { firstName: "Ann", lastName: 'O"Brien', email: "ann@example.com", group: "Sales, EMEA" },
      "firstName:invalid",
      { firstName: "Cy", lastName: "Dee", email: "cy@example.com", group: "Support; L2" },
    ]);
    expect(result.rows[1].raw.firstName).toBe("Bob\nSmith");
  });

  it("skips blank lines and rows of empty cells, numbering rows as a spreadsheet shows them", () => {
    const result = okFixture("blank-lines.csv");
    expect(result.rows.map((r) => [r.row, r.raw.firstName])).toEqual([
      [2, "Ann"],
      [5, "Bob"],
    ]);
  });

  it("short rows leave cells empty; cells past the header are ignored", () => {
    const result = okFixture("ragged-rows.csv");
    expect(result.rows.map(outcome)).toEqual(["email:required", { firstName: "Bob", lastName: "Lee", email: "bob@example.com" }]);
    expect(result.rows[0].raw).toMatchObject({ firstName: "Ann", lastName: "ann@example.com", email: "" });
  });

  it("an unterminated quote swallows the rest of the file into one invalid row", () => {
    expect(okFixture("unterminated-quote.csv").rows.map(outcome)).toEqual(["firstName:invalid email:required"]);
  });
});

describe("headers", () => {
  const expected = {
    en: { firstName: "Ann", lastName: "Lee", email: "ann@example.com", locale: "fr", timeZone: "Europe/Paris", group: "Sales", role: "ADMIN", delimiter: "," },
    fr: { firstName: "Anne", lastName: "Dupré", email: "anne@example.com", locale: "de", timeZone: "Europe/Berlin", group: "Ventes", role: "SUPPORT_STAFF", delimiter: ";" },
    it: { firstName: "Niccolò", lastName: "Rossi", email: "niccolo@example.com", locale: "en", timeZone: "Europe/Rome", group: "Vendite", role: "ADMIN", delimiter: "," },
    de: { firstName: "Jürgen", lastName: "Groß", email: "juergen@example.com", locale: "nl", timeZone: "Europe/Amsterdam", group: "Vertrieb", role: "MEMBER", delimiter: ";" },
    es: { firstName: "Begoña", lastName: "Núñez", email: "begona@example.com", locale: "pt", timeZone: "Europe/Lisbon", group: "Ventas", role: "ACCOUNT_HOLDER", delimiter: "," },
    pt: { firstName: "João", lastName: "Conceição", email: "joao@example.com", locale: "es", timeZone: "Europe/Madrid", group: "Vendas", role: "SUPPORT_STAFF", delimiter: ";" },
    nl: { firstName: "Daniëlle", lastName: "de Vries", email: "danielle@example.com", locale: "it", timeZone: "America/New_York", group: "Verkoop", role: "ADMIN", delimiter: "\t" },
  } as const;

  it.each(LOCALES)("headers-%s.csv: that language's headers, languages and roles", (locale) => {
    const { delimiter, ...value } = expected[locale];
    const result = okFixture(`headers-${locale}.csv`);
    expect(result).toMatchObject({ delimiter, ignoredColumns: [] });
    expect(result.rows.map(outcome)).toEqual([value]);
  });

  it("any case, surrounding spaces, snake case, a required-field star; cells trimmed, email lower-cased", () => {
    const result = okFixture("headers-odd-case.csv");
    expect(result.rows.map(outcome)).toEqual([{ firstName: "Ann", lastName: "Lee", email: "ann@example.com", locale: "en", timeZone: "UTC", role: "MEMBER" }]);
    expect(result.rows[0].raw).toEqual({ firstName: "Ann", lastName: "Lee", email: "ANN@Example.COM", language: "EN-gb", timeZone: "utc", group: "", role: "member" });
  });

  it("extra columns are ignored and reported by their header text; unnamed columns are not", () => {
    const result = okFixture("extra-columns.csv");
    expect(result.ignoredColumns).toEqual(["Department", "Phone", "Employee ID"]);
    expect(result.rows.map(outcome)).toEqual([{ firstName: "Ann", lastName: "", email: "ann@example.com" }]);
  });

  it("recognizes every catalogue's column header, and no header for two columns", () => {
    for (const locale of LOCALES) {
      for (const column of IMPORT_COLUMNS) expect(columnForHeader(MESSAGES[locale].imports.columns[column]), `${locale} ${column}`).toBe(column);
    }
    expect(["courriel", "E-Mail-Adresse", "given name", "Surname", "Locale", "TZ", "group", "Role"].map(columnForHeader)).toEqual([
      "email", "email", "firstName", "lastName", "language", "timeZone", "group", "role",
    ]);
    expect(columnForHeader("Name")).toBeUndefined(); // first or last? neither
  });
});

describe("cell values", () => {
  it("reports exactly which cells are wrong, one problem per column, and accepts codes, names and any case", () => {
    const result = okFixture("bad-values.csv");
    expect(result.rows.map(outcome)).toEqual([
      "firstName:required",
      "email:invalidEmail",
      "email:required language:unknownLanguage timeZone:unknownTimeZone role:unknownRole",
      "lastName:tooLong group:tooLong",
      { firstName: "Dee", lastName: "", email: "dee@example.com", locale: "fr", timeZone: "America/New_York", group: "Sales", role: "SUPPORT_STAFF" },
      { firstName: "Eve", lastName: "", email: "eve@example.com", locale: "pt", timeZone: "UTC", role: "ADMIN" },
      { firstName: "Fay", lastName: "", email: "fay@example.com", locale: "fr", role: "ACCOUNT_HOLDER" },
      "email:tooLong",
    ]);
    expect(result.rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("hostile cells are data: formulas, markup, SQL, RTL and emoji kept as written; long and control-character cells refused", () => {
    const result = okFixture("hostile.csv");
    expect(result.ignoredColumns).toEqual(["Notes"]);
    expect(result.rows.map(outcome)).toEqual([
      { firstName: "=cmd|' /C calc'!A0", lastName: "+SUM(1,2)", email: "formula@example.com", group: "@SUM(A1)" },
      { firstName: "<script>alert(1)</script>", lastName: "<b>Bold</b>", email: "markup@example.com", group: "<img src=x onerror=alert(1)>" },
      { firstName: "Robert'); DROP TABLE users;--", lastName: "' OR '1'='1", email: "sql@example.com", group: "'; DELETE FROM groups; --" },
      { firstName: "مريم", lastName: "\u202Egnp.exe", email: "rtl@example.com", group: "שרה" },
      { firstName: "👩‍💻 Dev", lastName: "🚀", email: "emoji@example.com", group: "🧪 Lab" },
      "firstName:tooLong",
      "firstName:invalid email:invalidEmail",
      { firstName: '=HYPERLINK("http://evil.example","x")', lastName: "Link", email: "link@example.com" },
    ]);
    expect(result.rows[5].raw.firstName).toHaveLength(10_240);
  });
});

describe("limits", () => {
  it("accepts 100 rows", () => {
    const result = okFixture("rows-100.csv");
    expect(result.rows).toHaveLength(100);
    expect(result.rows.every((r) => r.problems.length === 0)).toBe(true);
    expect(result.rows[99]).toMatchObject({ row: 100, value: { firstName: "User100", lastName: "Test", email: "user100@example.com" } });
  });

  it("refuses 101 rows, naming the limit and the count", () => {
    expect(parseFixture("rows-101.csv")).toEqual({ ok: false, problem: { code: "tooManyRows", limit: 100, rows: 101 } });
  });

  it("refuses a file over 1 MB and reads one of exactly 1 MB", () => {
    expect(fs.statSync(path.join(dir, "too-large.csv")).size).toBe(MAX_IMPORT_BYTES + 1);
    expect(parseFixture("too-large.csv")).toEqual({ ok: false, problem: { code: "tooLarge", limit: MAX_IMPORT_BYTES } });
    const over = fs.readFileSync(path.join(dir, "too-large.csv"));
    const exact = Buffer.concat([over.subarray(0, over.length - 3), over.subarray(over.length - 2)]); // one "x" of Notes fewer
    expect(exact.length).toBe(MAX_IMPORT_BYTES);
    const result = parseImportFile(exact);
    expect(result).toMatchObject({ ok: true, ignoredColumns: ["Notes"] });
    expect(result.ok && result.rows.map(outcome)).toEqual([{ firstName: "Ann", lastName: "", email: "ann@example.com" }]);
  });
});

describe("file problems", () => {
  it.each([
    ["empty.csv", { code: "empty" }],
    ["bom-only.csv", { code: "empty" }],
    ["blank-only.csv", { code: "empty" }],
    ["header-only.csv", { code: "headerOnly" }],
    ["missing-email.csv", { code: "missingColumns", columns: ["email"] }],
    ["no-header.csv", { code: "missingColumns", columns: ["firstName", "email"] }],
    ["single-column.csv", { code: "missingColumns", columns: ["firstName"] }],
    ["duplicate-columns.csv", { code: "duplicateColumns", columns: ["firstName", "email"] }],
    ["binary-png.csv", { code: "unreadable" }],
    ["binary-zip.csv", { code: "unreadable" }],
    ["utf16le.csv", { code: "unreadable" }],
    ["control-characters.csv", { code: "unreadable" }],
  ])("%s", (name, problem) => {
    expect(parseFixture(name)).toEqual({ ok: false, problem });
  });
});

describe("any bytes", () => {
  it("never throw: random bytes, and every corpus file cut and flipped at random", () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const inputs: Uint8Array[] = [];
    for (let i = 0; i < 300; i++) inputs.push(Uint8Array.from({ length: Math.floor(random() * 400) }, () => Math.floor(random() * 256)));
    for (const bytes of Object.values(corpus())) {
      if (bytes.length > 50_000) continue;
      for (let i = 0; i < 10; i++) {
        const copy = bytes.slice(0, Math.floor(random() * (bytes.length + 1)));
        for (let j = 0; j < 3 && copy.length; j++) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
        inputs.push(copy);
      }
    }
    for (const bytes of inputs) {
      const result = parseImportFile(bytes);
      if (result.ok) expect(result.rows.every((r) => (r.problems.length === 0) === (r.value !== undefined))).toBe(true);
      else expect(result.problem.code).toMatch(/^(tooLarge|empty|headerOnly|unreadable|missingColumns|tooManyRows|duplicateColumns)$/);
    }
  });
});

describe("bytes that aren't UTF-8", () => {
  const bytes = (...parts: (string | number[])[]) => new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p as string))));

  it("a UTF-8 file with a damaged byte is unreadable, rather than every accent of it read as Windows-1252", () => {
    expect(parseImportFile(bytes("First name,Email\nZoé,zoe@example.com\nRené", [0xc3, 0x28], ",rene@example.com\n"))).toEqual({ ok: false, problem: { code: "unreadable" } });
  });

  it("a file that starts with a UTF-8 BOM and isn't UTF-8 is unreadable", () => {
    expect(parseImportFile(bytes([0xef, 0xbb, 0xbf], "First name,Email\nRen", [0xe9], ",rene@example.com\n"))).toEqual({ ok: false, problem: { code: "unreadable" } });
  });

  it("a Windows-1252 file is still read as one when two of its characters happen to look like UTF-8", () => {
    // Ü (0xDC) then ’ (0x92) is a well-formed UTF-8 pair; the file's other accented letters are not.
    const result = parseImportFile(bytes("First name,Last name,Email\nRen", [0xe9], ",M", [0xdc, 0x92], "s,rene@example.com\nJos", [0xe9], ",N", [0xfa], [0xf1], "ez,jose@example.com\n"));
    expect(result).toMatchObject({ ok: true, encoding: "windows-1252" });
    expect(result.ok && result.rows.map(outcome)).toEqual([
      { firstName: "René", lastName: "MÜ’s", email: "rene@example.com" },
      { firstName: "José", lastName: "Núñez", email: "jose@example.com" },
    ]);
  });
});

describe("Excel's sep= line", () => {
  const parse = (text: string) => parseImportFile(Buffer.from(text, "utf8"));

  it.each([
    ["sep=;\r\n", ";"],
    ["SEP=;\n", ";"],
    ['"sep=;"\r\n', ";"],
    ["sep=,\r\n", ","],
    ["sep=\t\r\n", "\t"],
  ])("%j names the delimiter and is not read as the header", (line, delimiter) => {
    const d = delimiter;
    const result = parse(`${line}First name${d}Last name${d}Email\r\nChloé${d}Lefèvre${d}chloe@example.com\r\nZoë${d}Ørsted${d}zoe@example.com\r\n`);
    if (!result.ok) throw new Error(JSON.stringify(result.problem));
    expect(result.delimiter).toBe(delimiter);
    expect(result.rows.map((row) => [row.row, row.value?.email])).toEqual([[1, "chloe@example.com"], [2, "zoe@example.com"]]);
  });

  it("decides even where guessing would not: commas inside a ;-separated file", () => {
    const result = parse("sep=;\nFirst name;Last name;Email\n\"Smith, Jr\";Anna;anna@example.com\n");
    if (!result.ok) throw new Error(JSON.stringify(result.problem));
    expect(result.rows[0].value).toMatchObject({ firstName: "Smith, Jr", lastName: "Anna" });
  });

  it("a sep= line naming a delimiter the import doesn't read is refused as a header, as before", () => {
    const result = parse("sep=|\nFirst name,Last name,Email\nChloé,Lefèvre,chloe@example.com\n");
    expect(result).toMatchObject({ ok: false, problem: { code: "missingColumns" } });
  });
});

import type { AppLocale } from "@/lib/i18n/locales";

/** Spreadsheet programs open UTF-8 files with accents intact only when they start with this. */
export const BOM = "\uFEFF";

/**
 * One CSV cell. A cell a spreadsheet would run as a formula (= + - @, tab, CR first) gets a
 * leading apostrophe; then RFC 4180 quoting. ";" is quoted too, for programs that split on it.
 */
export function escapeCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells as CSV text, CRLF after every row; comma-separated unless told otherwise. */
export function toCsv(rows: string[][], delimiter: "," | ";" = ","): string {
  return rows.map((cells) => cells.map(escapeCell).join(delimiter) + "\r\n").join("");
}

/**
 * The separator spreadsheet programs expect in that language: where the decimal mark is a comma
 * (every language here but English), Excel opens a comma-separated file in a single column.
 */
export const csvDelimiter = (locale: AppLocale) => (locale === "en" ? "," : ";");

/** A whole CSV file for readers of that language: BOM, then the rows with the language's separator. */
export const csvFile = (locale: AppLocale, rows: string[][]) => BOM + toCsv(rows, csvDelimiter(locale));

/**
 * A CSV file as a stream: BOM and header first, then whatever `nextBatch` returns until it returns
 * no rows. Each batch is read only when the client is ready for it, so a large export never sits in memory.
 */
export function csvStream(locale: AppLocale, header: string[], nextBatch: () => Promise<string[][]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvFile(locale, [header])));
        return;
      }
      const rows = await nextBatch();
      if (rows.length === 0) return controller.close();
      controller.enqueue(encoder.encode(toCsv(rows, csvDelimiter(locale))));
    },
  });
}

/** The response of a CSV download: an attachment with that file name, never cached. */
export function csvResponse(body: BodyInit, fileName: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}

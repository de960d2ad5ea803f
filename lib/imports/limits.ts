/** One CSV file: at most this many bytes and data rows (shared by the form, the action and the parser). */
export const MAX_IMPORT_BYTES = 1_048_576;
export const MAX_IMPORT_ROWS = 100;

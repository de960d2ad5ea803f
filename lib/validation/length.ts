/**
 * A text's length as every limit of the app counts it: in characters (code points), as zod's
 * `.max()` does on the server — not in UTF-16 units, as the browser's `maxlength` does, which
 * counts "𝐀" (U+1D400) twice.
 */
export const characterCount = (value: string): number => Array.from(value).length;

// Names are stored as typed, right-to-left text and bidi control characters included (decision
// 0014). Where one is put into a sentence — a status message, an email subject — it is wrapped in
// a first-strong isolate (U+2068 … U+2069) so its direction can't flow into the words around it:
// a U+202E (right-to-left override) in a name can't make "…was created" read backwards. Plain
// left-to-right values are left as they are, so ordinary output doesn't change.
const RTL_OR_CONTROL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]|\uD802[\uDC00-\uDFFF]|\uD803[\uDC00-\uDFFF]|\uD83A[\uDC00-\uDFFF]/;
const FSI = "\u2068";
const PDI = "\u2069";

/**
 * Balances the value's isolates: drops a terminator (U+2069) with no initiator before it, which
 * would end our isolate early, and closes initiators left open, which would swallow ours.
 * Embeddings and overrides (U+202A–U+202E) need nothing: the closing U+2069 ends them all.
 */
function balanced(value: string): string {
  let open = 0;
  let result = "";
  for (const char of value) {
    if (char === "\u2066" || char === "\u2067" || char === FSI) open++;
    if (char === PDI) {
      if (open === 0) continue;
      open--;
    }
    result += char;
  }
  return result + PDI.repeat(open);
}

/** `value` isolated from the text around it when it holds right-to-left text or bidi controls. */
export function isolate(value: string): string {
  return RTL_OR_CONTROL.test(value) ? `${FSI}${balanced(value)}${PDI}` : value;
}

import { z } from "zod";

/**
 * Control characters no text field keeps: C0 (NUL among them, which PostgreSQL text refuses)
 * except tab, LF and CR, then DEL and C1. Bidi marks and overrides, emoji joiners and every
 * script's letters are text, and kept.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** What makes a second line (or a column break): tab, CR, LF and Unicode's line and paragraph separators. */
const LINE_BREAK = /[\t\n\r\u2028\u2029]/;
/** Half of a surrogate pair on its own: not a character, and UTF-8 can't store it (it would become U+FFFD). */
const LONE_SURROGATE = /\p{Cs}/u;

export type TextMessage = "validation.brokenText" | "validation.controlCharacters" | "validation.oneLine";

/** Why a text can't be stored as typed (a `validation` catalogue key), or undefined when it can. */
export function textProblem(value: string, lines: "one" | "many"): TextMessage | undefined {
  if (LONE_SURROGATE.test(value)) return "validation.brokenText";
  if (CONTROL.test(value)) return "validation.controlCharacters";
  if (lines === "one" && LINE_BREAK.test(value)) return "validation.oneLine";
  return undefined;
}

/** The refinement every text field uses: one localized message for what it refuses. */
export const storableText = (lines: "one" | "many") => (value: string, ctx: z.RefinementCtx) => {
  const message = textProblem(value, lines);
  if (message) ctx.addIssue({ code: "custom", message });
};

/**
 * A one-line text field (a name, a group, a subject): trimmed, at most `max` characters, without
 * line breaks, control characters or broken characters. Markup, quotes, formulas, right-to-left
 * text and emoji are text like any other: stored as typed, escaped wherever they are shown.
 */
export const lineText = (max: number) =>
  z.string({ error: "validation.required" }).trim().max(max, { error: "validation.tooLong" }).superRefine(storableText("one"));

const UNSTORABLE = new RegExp(`${CONTROL.source}|${LINE_BREAK.source}`, "g");

/**
 * A line the user didn't type and can't retype (an uploaded file's name), kept rather than refused:
 * what can't be stored becomes U+FFFD or a space; at most `max` characters, never half a pair.
 */
export function storableLine(value: string, max: number): string {
  const line = value.replace(/\p{Cs}/gu, "\uFFFD").replace(UNSTORABLE, " ").trim();
  return Array.from(line).slice(0, max).join("");
}

import { TokenKind, Tokenizer } from "liquidjs";
import de from "@/emails/de.json" with { type: "json" };
import en from "@/emails/en.json" with { type: "json" };
import es from "@/emails/es.json" with { type: "json" };
import fr from "@/emails/fr.json" with { type: "json" };
import it from "@/emails/it.json" with { type: "json" };
import nl from "@/emails/nl.json" with { type: "json" };
import pt from "@/emails/pt.json" with { type: "json" };
import type { AppLocale } from "@/lib/i18n/locales";
import { TEMPLATE_VARIABLES, type TemplateKind, type TemplateVariable } from "@/lib/mail/template-variables";

// Kinds, variables and the button link live in template-variables.ts, which the browser's editor can load without liquidjs.
export { buttonLinkOf, TEMPLATE_KINDS, TEMPLATE_VARIABLES } from "@/lib/mail/template-variables";
export type { ButtonLink, TemplateKind, TemplateSource, TemplateVariable } from "@/lib/mail/template-variables";

/**
 * The kinds an account may rewrite. A transfer invitation goes to a person of another account,
 * who never chose this one: it always uses the shipped text, so an account can't put its own
 * words (or a lure) in front of someone else's users (decision 0009). A notice to the account
 * holders (an import's refused rows) is the app speaking, not the account; so are the security
 * notices (a password changed, two-step verification reset): they must say what happened in the
 * app's own words, never reworded into a lure.
 */
export const CUSTOMIZABLE_KINDS = ["welcome", "productChange", "passwordReset"] as const satisfies readonly TemplateKind[];
export type CustomizableKind = (typeof CUSTOMIZABLE_KINDS)[number];
export const isCustomizable = (kind: TemplateKind): kind is CustomizableKind => (CUSTOMIZABLE_KINDS as readonly string[]).includes(kind);

type EmailCatalogue = typeof en;
/** Defaults shipped in emails/<locale>.json; an account may override any of them. */
export const DEFAULT_TEMPLATES: Record<AppLocale, EmailCatalogue> = { en, fr, it, de, es, pt, nl };

export type TemplatePart =
  | { type: "text"; value: string }
  | { type: "variable"; name: TemplateVariable };

export type TemplateProblem =
  | { code: "syntax"; line?: number; column?: number }
  | { code: "unknownVariable"; variable: string }
  | { code: "notAllowed"; text: string };

/**
 * Parses a template in the safe subset of Liquid we accept: text and `{{ variable }}` with an
 * allow-listed name — no tags, filters or property access. Every problem is reported, not only the first.
 */
export function parseTemplate(kind: TemplateKind, source: string): { parts: TemplatePart[]; problems: TemplateProblem[] } {
  const allowed: readonly string[] = TEMPLATE_VARIABLES[kind];
  let tokens;
  try {
    tokens = new Tokenizer(source).readTopLevelTokens();
  } catch (error) {
    const match = /line:(\d+), col:(\d+)/.exec(String((error as Error).message));
    return { parts: [], problems: [{ code: "syntax", line: match ? Number(match[1]) : undefined, column: match ? Number(match[2]) : undefined }] };
  }
  const parts: TemplatePart[] = [];
  const problems: TemplateProblem[] = [];
  for (const token of tokens) {
    if (token.kind === TokenKind.HTML) {
      parts.push({ type: "text", value: token.getText() });
      continue;
    }
    const content = token.kind === TokenKind.Output ? (token as unknown as { content: string }).content.trim() : "";
    if (!/^[A-Za-z]+$/.test(content)) problems.push({ code: "notAllowed", text: token.getText() });
    else if (!allowed.includes(content)) problems.push({ code: "unknownVariable", variable: content });
    else parts.push({ type: "variable", name: content as TemplateVariable });
  }
  return { parts, problems };
}

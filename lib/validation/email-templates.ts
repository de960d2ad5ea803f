import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";
import { lineText, storableText } from "@/lib/validation/text";
import { CUSTOMIZABLE_KINDS, parseTemplate, type TemplateKind, type TemplateProblem, type TemplateSource } from "@/lib/mail/templates";
import { BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH, TEMPLATE_FIELDS, type TemplateField } from "@/lib/validation/email-template-limits";

export { BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH, TEMPLATE_FIELDS, type TemplateField };

/** The kinds an account may edit (a transfer invitation always uses the shipped text). */
export const templateKindSchema = z.enum(CUSTOMIZABLE_KINDS, { error: "validation.invalid" });
export const templateLocaleSchema = z.enum(LOCALES, { error: "validation.invalid" });

/** One line: a subject is a mail header, where a line break would start another header. */
export const templateSubjectSchema = lineText(SUBJECT_MAX_LENGTH).min(1, { error: "validation.required" });

/** Forms send a textarea's line breaks as CRLF: stored with LF, as the defaults are. */
export const templateBodySchema = z
  .string({ error: "validation.required" })
  .transform((body) => body.replace(/\r\n?/g, "\n").trim())
  .pipe(z.string().min(1, { error: "validation.required" }).max(BODY_MAX_LENGTH, { error: "validation.tooLong" }).superRefine(storableText("many")));

/** Which template: a kind and a language (the edit page's route parameters too). */
export const emailTemplateIdSchema = z.object({ kind: templateKindSchema, locale: templateLocaleSchema });

export const saveEmailTemplateSchema = emailTemplateIdSchema.extend({ subject: templateSubjectSchema, body: templateBodySchema });
export const resetEmailTemplateSchema = emailTemplateIdSchema;


/** What parseTemplate reports for each field: the editor shows it as you type, the server refuses with it. */
export function templateProblems(kind: TemplateKind, source: TemplateSource): Record<TemplateField, TemplateProblem[]> {
  return { subject: parseTemplate(kind, source.subject).problems, body: parseTemplate(kind, source.body).problems };
}

export function hasTemplateProblems(kind: TemplateKind, source: TemplateSource): boolean {
  const problems = templateProblems(kind, source);
  return TEMPLATE_FIELDS.some((field) => problems[field].length > 0);
}

export interface ProblemMessage {
  /** A key of the `emailTemplates.problems` catalogue section. */
  key: "syntax" | "syntaxNoPosition" | "unknownVariable" | "notAllowed";
  values: Record<string, string | number>;
}

export function problemMessage(problem: TemplateProblem): ProblemMessage {
  const braces = { open: "{{", close: "}}" };
  switch (problem.code) {
    case "syntax":
      return problem.line === undefined
        ? { key: "syntaxNoPosition", values: braces }
        : { key: "syntax", values: { ...braces, line: problem.line, column: problem.column ?? 1 } };
    case "unknownVariable":
      return { key: "unknownVariable", values: { token: `{{ ${problem.variable} }}` } };
    case "notAllowed":
      return { key: "notAllowed", values: { text: problem.text } };
  }
}

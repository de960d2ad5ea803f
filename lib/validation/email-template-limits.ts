// What the template editor needs before its checker loads, without the schemas: importing
// lib/validation/email-templates would bring zod (and liquidjs) to the browser.
import type { TemplateSource } from "@/lib/mail/template-variables";

/** In characters; the editor's fields use them as their maxLength too. */
export const SUBJECT_MAX_LENGTH = 200;
export const BODY_MAX_LENGTH = 20_000;

export type TemplateField = keyof TemplateSource;
export const TEMPLATE_FIELDS = ["subject", "body"] as const satisfies readonly TemplateField[];

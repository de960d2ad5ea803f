import type { z } from "zod";
import type { FieldErrors } from "@/lib/actions/result";

type Translate = (key: "validation.invalid") => string;

/**
 * Every zod issue as a localized message under its field path ("rows.3.email"); messages are
 * catalogue keys ("validation.required"). The server's action wrapper and forms that check before
 * submitting use this one function, so both sides say the same thing.
 */
export function fieldErrorsOf(error: z.ZodError, t: Translate): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    const message = issue.message.startsWith("validation.") ? t(issue.message as "validation.invalid") : t("validation.invalid");
    (fields[key] ??= []).push(message);
  }
  return fields;
}

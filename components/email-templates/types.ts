import type { ActionResult } from "@/lib/actions/result";

/** An email template server action as a form calls it (see app/(app)/settings/email-templates/actions.ts). */
export type TemplateFormAction<T> = (previous: unknown, input: FormData) => Promise<ActionResult<T>>;

import { z } from "zod";
import { AccountRole } from "@/lib/generated/prisma/enums";
import { LOCALES } from "@/lib/i18n/locales";
import { BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH } from "@/lib/validation/email-templates";
import { lineText, storableText } from "@/lib/validation/text";
import { TIME_ZONES } from "@/lib/validation/users";

export const MAX_ADD_ROWS = 100;

/** The same address check as the outbox's: one plain address, no display name, no list. */
const email = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, { error: "validation.required" })
  .max(254, { error: "validation.tooLong" })
  .pipe(z.email({ error: "validation.email" }));

export const addUserRowSchema = z.object({
  firstName: lineText(50).min(1, { error: "validation.required" }),
  lastName: lineText(50),
  email,
});

/** A form field given once is a string, given on several rows an array; always an array here. */
const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The settings every added user gets (Add user, and the batch settings of a CSV import). */
export const userSettingsShape = {
  products: z.preprocess(list, z.array(z.string().regex(/^[a-z0-9-]{1,40}$/, { error: "validation.invalid" })).max(10)),
  timeZone: z.string().refine((v) => TIME_ZONES.includes(v), { error: "validation.timeZone" }),
  groupId: z.union([z.literal("none"), z.uuid({ error: "validation.invalid" })]).default("none"),
  locale: z.enum(LOCALES, { error: "validation.invalid" }),
  role: z.enum(AccountRole, { error: "validation.invalid" }),
};

/**
 * The Add user form: rows arrive as parallel `firstName` / `lastName` / `email` fields (one per
 * row, so the form works without JavaScript) and become `rows[i]`, so errors name `rows.i.field`.
 */
export const addUsersSchema = z.preprocess(
  (raw) => {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return raw;
    const input = raw as Record<string, unknown>;
    if (Array.isArray(input.rows)) return input;
    const first = list(input.firstName);
    const last = list(input.lastName);
    const emails = list(input.email);
    const count = Math.max(first.length, last.length, emails.length);
    const rows = Array.from({ length: count }, (_, i) => ({ firstName: first[i] ?? "", lastName: last[i] ?? "", email: emails[i] ?? "" }));
    return { ...input, rows };
  },
  z.object({
    rows: z.array(addUserRowSchema).min(1, { error: "validation.required" }).max(MAX_ADD_ROWS, { error: "validation.tooManyRows" }),
    ...userSettingsShape,
    /** "Customize": this send's own welcome subject and body; absent means the account's template. */
    customSubject: z.string().max(SUBJECT_MAX_LENGTH, { error: "validation.tooLong" }).superRefine(storableText("one")).optional(),
    customBody: z.string().max(BODY_MAX_LENGTH, { error: "validation.tooLong" }).superRefine(storableText("many")).optional(),
  }),
);

export type AddUsersInput = z.output<typeof addUsersSchema>;

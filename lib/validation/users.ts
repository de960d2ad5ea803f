import { z } from "zod";
import { AccountRole } from "@/lib/generated/prisma/enums";
import { LOCALES } from "@/lib/i18n/locales";
import { userFiltersSchema } from "@/lib/users/list-params";
import { lineText } from "@/lib/validation/text";

export const MAX_SELECTED_IDS = 1000;

/** Which users a bulk action is about: rows ticked on the page, or every user matching the filters. */
export const selectionSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("ids"), ids: z.array(z.uuid()).min(1).max(MAX_SELECTED_IDS) }),
  z.object({ mode: z.literal("matching"), filters: userFiltersSchema }),
]);

/**
 * The count the confirmation named: the server refuses if the selection no longer has that many
 * users. `countAtLeast`: the confirmation said "more than expectedCount" (a capped count, decision 0028).
 */
const bulk = { selection: selectionSchema, expectedCount: z.number().int().min(1), countAtLeast: z.boolean().optional() };

export const bulkChangeRoleSchema = z.object({ ...bulk, role: z.enum(AccountRole, { error: "validation.required" }) });
export const bulkChangeGroupSchema = z.object({ ...bulk, groupId: z.union([z.literal("none"), z.uuid({ error: "validation.invalid" })]) });
export const bulkSelectionSchema = z.object(bulk);
export const bulkJobSchema = z.object({ jobId: z.uuid({ error: "validation.invalid" }) });

/** Every IANA time zone this runtime knows, plus UTC (not always listed). */
export const TIME_ZONES: readonly string[] = [...new Set(["UTC", ...Intl.supportedValuesOf("timeZone")])];

export const userProfileSchema = z.object({
  id: z.uuid({ error: "validation.invalid" }),
  firstName: lineText(50).min(1, { error: "validation.required" }),
  lastName: lineText(50),
  locale: z.enum(LOCALES, { error: "validation.invalid" }),
  timeZone: z.string().refine((v) => TIME_ZONES.includes(v), { error: "validation.timeZone" }),
  groupId: z.union([z.literal("none"), z.uuid({ error: "validation.invalid" })]),
  role: z.enum(AccountRole, { error: "validation.invalid" }),
  /** The user's version as the editor saw it (lib/users/version.ts): refused if it changed since. */
  version: z.string().regex(/^[0-9a-f]{32}$/, { error: "validation.invalid" }).optional(),
});

export const productChangeSchema = z.object({
  ...bulk,
  productCode: z.string({ error: "validation.required" }).regex(/^[a-z0-9-]{1,40}$/, { error: "validation.required" }),
  /** A checkbox: present ("on") when ticked. */
  notify: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
});

const capabilityChange = z.enum(["keep", "on", "off"], { error: "validation.invalid" });

/** Bulk capability edit: each switch turned on, off, or left as each user has it. */
export const bulkCapabilitiesSchema = z
  .object({ ...bulk, unattendedAccess: capabilityChange, fileManagement: capabilityChange, remoteControl: capabilityChange })
  .refine((v) => v.unattendedAccess !== "keep" || v.fileManagement !== "keep" || v.remoteControl !== "keep", {
    error: "validation.nothingToChange",
    path: ["unattendedAccess"],
  });

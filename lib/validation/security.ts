import { z } from "zod";
import { TwoStepPolicy } from "@/lib/generated/prisma/enums";

export const MAX_GRACE_DAYS = 14;

/**
 * Whole days from 0 to 14, as a form posts them ("7") or as a number. Anything else (empty, "1.5",
 * "-1", "15", "7 days") is refused at the field rather than read as 0.
 */
const graceDays = z.preprocess(
  (v) => (typeof v === "number" && Number.isInteger(v) ? String(v) : v),
  z.string({ error: "validation.graceDays" }).trim().regex(/^\d{1,2}$/, { error: "validation.graceDays" })
    .transform(Number)
    .refine((days) => days <= MAX_GRACE_DAYS, { error: "validation.graceDays" }),
);

/** Settings › Security: whom the account requires two-step verification of, and the grace period. */
export const twoStepPolicySchema = z.object({
  policy: z.enum(TwoStepPolicy, { error: "validation.chooseOption" }),
  graceDays,
});

export type TwoStepPolicyInput = z.output<typeof twoStepPolicySchema>;

/** An admin's reset of a user's two-step verification. */
export const resetTwoStepSchema = z.object({ userId: z.uuid({ error: "validation.invalid" }) });

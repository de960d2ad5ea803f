import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";

export const languageSchema = z.object({
  locale: z.enum(LOCALES, { error: "validation.invalid" }),
});

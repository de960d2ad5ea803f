import { z } from "zod";
import { userSettingsShape } from "@/lib/validation/add-users";

/** Import from CSV: the file and the settings every row starts from (a row's own cells override them). */
export const uploadImportSchema = z.object({
  file: z.instanceof(File, { error: "validation.fileRequired" }).refine((f) => f.size > 0 || f.name !== "", { error: "validation.fileRequired" }),
  ...userSettingsShape,
});

export const importIdSchema = z.object({ id: z.uuid({ error: "validation.invalid" }) });

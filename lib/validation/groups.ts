import { z } from "zod";
import { lineText } from "@/lib/validation/text";

import { GROUP_NAME_MAX_LENGTH } from "@/lib/validation/group-limits";

export { GROUP_NAME_MAX_LENGTH };

export const groupNameSchema = lineText(GROUP_NAME_MAX_LENGTH).min(1, { error: "validation.required" });

const groupIdSchema = z.uuid({ error: "validation.invalid" });

export const createGroupSchema = z.object({ name: groupNameSchema });

export const renameGroupSchema = z.object({ id: groupIdSchema, name: groupNameSchema });

export const deleteGroupSchema = z.object({ id: groupIdSchema });

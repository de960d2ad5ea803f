import { z } from "zod";
import { lineText } from "@/lib/validation/text";

/** Longest group name, in characters; the form fields use it as their maxLength too. */
export const GROUP_NAME_MAX_LENGTH = 60;

export const groupNameSchema = lineText(GROUP_NAME_MAX_LENGTH).min(1, { error: "validation.required" });

const groupIdSchema = z.uuid({ error: "validation.invalid" });

export const createGroupSchema = z.object({ name: groupNameSchema });

export const renameGroupSchema = z.object({ id: groupIdSchema, name: groupNameSchema });

export const deleteGroupSchema = z.object({ id: groupIdSchema });

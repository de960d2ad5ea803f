import { z } from "zod";

const uuid = z.uuid();

/**
 * Whether a value from the URL or the database is a real uuid: the check before it reaches a
 * uuid column, which would otherwise fail the whole query (a 500) on "------…" or similar.
 */
export const isUuid = (value: unknown): value is string => uuid.safeParse(value).success;

// A page's view in its URL: what the list pages (users, audit log) parse and link to.
import { z } from "zod";
import { storableText } from "@/lib/validation/text";

/** A value from the URL that falls back to "not given" when malformed: a bad link still shows the page. */
export const optionalParam = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** Search text: one storable line of at most 100 characters, trimmed; empty means no search. */
export const searchTextSchema = z.string().trim().max(100, { error: "validation.tooLong" }).superRefine(storableText("one")).transform((v) => v || undefined);

/** Search params as Next.js gives them (a repeated key is an array): the first value of each. */
export function firstValues(input: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
}

/** `path` with the given values as its query, empty ones left out so links stay short. */
export function hrefWith(path: string, values: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

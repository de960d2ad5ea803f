import { z } from "zod";
import { isUuid } from "@/lib/validation/uuid";

/** Position after the last row shown, for lists ordered newest first by (createdAt, id). */
export interface Keyset {
  createdAt: Date;
  id: string;
}

/** Cursor "<ISO time>_<uuid>"; anything malformed means "first page". */
const cursorSchema = z
  .string()
  .regex(/^[^_]+_[^_]+$/)
  .transform((value) => {
    const [time, id] = value.split("_");
    return { createdAt: new Date(time), id };
  })
  .refine((cursor) => !Number.isNaN(cursor.createdAt.getTime()) && isUuid(cursor.id));

export function parseKeysetCursor(value: unknown): Keyset | undefined {
  const parsed = cursorSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** The Prisma `where` fragment for "older than the cursor", and the matching order. */
export function olderThan(after: Keyset | undefined) {
  return after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {};
}
export const NEWEST_FIRST = [{ createdAt: "desc" }, { id: "desc" }] as const;

/** Splits a `take: size + 1` result into the page and the cursor of the next one. */
export function toPage<T extends Keyset>(rows: T[], size: number): { rows: T[]; nextCursor?: string } {
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > size && last ? `${last.createdAt.toISOString()}_${last.id}` : undefined };
}

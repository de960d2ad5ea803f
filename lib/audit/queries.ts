import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";

export const AUDIT_PAGE_SIZE = 50;

/** Keyset cursor "<ISO time>_<uuid>" of the last event shown; anything malformed means "first page". */
const cursorSchema = z
  .string()
  .regex(/^[^_]+_[0-9a-f-]{36}$/)
  .transform((value) => {
    const [time, id] = value.split("_");
    return { createdAt: new Date(time), id };
  })
  .refine((cursor) => !Number.isNaN(cursor.createdAt.getTime()));

export function parseAuditCursor(value: unknown) {
  const parsed = cursorSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** One page of an account's events, newest first, by keyset (createdAt, id). */
export async function listAuditEvents(db: Db, accountId: string, after?: { createdAt: Date; id: string }) {
  const events = await db.auditEvent.findMany({
    where: {
      accountId,
      ...(after && {
        OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }],
      }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: AUDIT_PAGE_SIZE + 1,
    select: {
      id: true, action: true, targetType: true, targetId: true, createdAt: true,
      actor: { select: { firstName: true, lastName: true, email: true } },
    },
  });
  const page = events.slice(0, AUDIT_PAGE_SIZE);
  const last = page.at(-1);
  const nextCursor = events.length > AUDIT_PAGE_SIZE && last ? `${last.createdAt.toISOString()}_${last.id}` : undefined;
  return { events: page, nextCursor };
}

import { z } from "zod";
import { isCalendarDay } from "@/lib/time-zone";
import { firstValues, hrefWith, optionalParam as optional, searchTextSchema } from "@/lib/url-params";
/** A day as typed or linked: an ISO day in links, the viewer's own format as typed (lib/audit/date-input.ts). */
const day = z.string().trim().max(40);

/**
 * A view of the audit log as it appears in the URL. Anything malformed falls back to "any" rather
 * than failing: a bad link still shows the log. `from` and `to` are calendar days in the viewer's time zone;
 * only ISO days ("2026-03-29") filter, the page turns a day typed in the viewer's format into one.
 */
export const auditListParamsSchema = z.object({
  /** A user id, or "system" for events no user caused. */
  actor: optional(z.union([z.literal("system"), z.uuid()])),
  action: optional(z.string().regex(/^[a-zA-Z][a-zA-Z0-9._-]{0,79}$/)),
  /** A target's id, or part of the name or email of the user it was about. */
  target: optional(searchTextSchema),
  from: optional(day),
  to: optional(day),
  after: optional(z.string().max(200)),
});

export type AuditListParams = z.output<typeof auditListParamsSchema>;
export type AuditFilters = Omit<AuditListParams, "after">;

export function parseAuditListParams(input: Record<string, string | string[] | undefined>): AuditListParams {
  return auditListParamsSchema.parse(firstValues(input));
}

const isoDay = (value: string | undefined) => (value && isCalendarDay(value) ? value : undefined);

export const auditFilters = ({ actor, action, target, from, to }: AuditListParams): AuditFilters => ({ actor, action, target, from: isoDay(from), to: isoDay(to) });

/** The URL of a view; empty values are left out so links stay short. */
export function auditListHref(params: Partial<AuditListParams>, path = "/settings/audit-log"): string {
  const { actor, action, target, from, to, after } = params;
  return hrefWith(path, { actor, action, target, from, to, after });
}

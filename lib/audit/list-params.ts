import { z } from "zod";
import { isCalendarDay } from "@/lib/time-zone";
import { firstValues, hrefWith, optionalParam as optional, searchTextSchema } from "@/lib/url-params";
const day = z.string().refine(isCalendarDay);

/**
 * A view of the audit log as it appears in the URL. Anything malformed falls back to "any" rather
 * than failing: a bad link still shows the log. `from` and `to` are calendar days in the viewer's time zone.
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

export const auditFilters = ({ actor, action, target, from, to }: AuditListParams): AuditFilters => ({ actor, action, target, from, to });

/** The URL of a view; empty values are left out so links stay short. */
export function auditListHref(params: Partial<AuditListParams>, path = "/settings/audit-log"): string {
  const { actor, action, target, from, to, after } = params;
  return hrefWith(path, { actor, action, target, from, to, after });
}

import "server-only";
import { csvStream } from "@/lib/csv/write";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AppLocale } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/catalogues";
import type { Keyset } from "@/lib/pagination/keyset";
import { zonedIso } from "@/lib/time-zone";
import { actionLabel, personName } from "./labels";
import { findAuditEvents, withTargetUsers } from "./queries";

const BATCH = 2_000;

const json = (value: Prisma.JsonValue) => (value === null ? "" : JSON.stringify(value));

/**
 * The account's events matching `where` (from `auditWhere`) as a CSV stream, newest first, read in
 * keyset batches: BOM, localized headers, times in the viewer's zone, before/after as JSON cells.
 */
export function exportAuditCsv(db: Db, accountId: string, where: Prisma.AuditEventWhereInput, viewer: { locale: AppLocale; timeZone: string }): ReadableStream<Uint8Array> {
  const { audit: m } = MESSAGES[viewer.locale];
  const header = [m.csv.time, m.csv.actor, m.csv.actorEmail, m.csv.action, m.csv.actionCode, m.csv.targetType, m.csv.targetId, m.csv.target, m.csv.before, m.csv.after, m.csv.apiToken];
  let after: Keyset | undefined;
  return csvStream(viewer.locale, header, async () => {
    const events = await withTargetUsers(db, accountId, await findAuditEvents(db, accountId, { after, take: BATCH, where }));
    after = events.at(-1);
    return events.map((e) => [
      zonedIso(e.createdAt, viewer.timeZone),
      e.actor ? personName(e.actor) : m.system,
      e.actor?.email ?? "",
      actionLabel(viewer.locale, e.action),
      e.action,
      e.targetType ?? "",
      e.targetId ?? "",
      e.targetUser ? `${personName(e.targetUser)} <${e.targetUser.email}>` : "",
      json(e.before),
      json(e.after),
      e.actorToken?.name ?? "",
    ]);
  });
}

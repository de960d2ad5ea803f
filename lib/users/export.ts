import "server-only";
import { csvStream } from "@/lib/csv/write";
import type { Db } from "@/lib/db/client";
import type { AppLocale } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/catalogues";
import { userWhere } from "@/lib/users/list";
import type { UserFilters } from "@/lib/users/list-params";

const BATCH = 2_000;

/**
 * The account's users matching the list's filters as a CSV stream (BOM, localized headers and
 * words, formula-escaped cells), read in batches by id so 100,000 users never sit in memory.
 */
export function exportUsersCsv(db: Db, accountId: string, filters: UserFilters, locale: AppLocale): ReadableStream<Uint8Array> {
  const m = MESSAGES[locale];
  const header = [m.imports.columns.firstName, m.imports.columns.lastName, m.imports.columns.email, m.users.role, m.users.status, m.users.products, m.users.group, m.users.added, m.users.twoStep];
  let after: string | undefined;
  return csvStream(locale, header, async () => {
    const rows = await db.user.findMany({
      where: { AND: [userWhere(accountId, filters), ...(after ? [{ id: { gt: after } }] : [])] },
      orderBy: { id: "asc" },
      take: BATCH,
      select: {
        id: true, firstName: true, lastName: true, email: true, role: true, status: true, createdAt: true, twoStepEnabled: true,
        group: { select: { name: true } },
        assignments: { select: { subscription: { select: { product: { select: { name: true } } } } } },
      },
    });
    after = rows.at(-1)?.id;
    return rows.map((u) => [
      u.firstName, u.lastName, u.email, m.roles[u.role], m.status[u.status],
      u.assignments.map((a) => a.subscription.product.name).sort().join(", "), u.group?.name ?? "", u.createdAt.toISOString(),
      u.twoStepEnabled ? m.users.on : m.users.off,
    ]);
  });
}

import "server-only";
import { csvStream } from "@/lib/csv/write";
import type { Db } from "@/lib/db/client";
import type { AccountRole, UserStatus } from "@/lib/generated/prisma/enums";
import type { AppLocale } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/catalogues";
import { Prisma } from "@/lib/generated/prisma/client";
import { resolveFilters, userConditions, type ResolvedFilters } from "@/lib/users/list";
import type { UserFilters } from "@/lib/users/list-params";

const BATCH = 1_000;

type ExportRow = {
  firstName: string; lastName: string; email: string; role: AccountRole; status: UserStatus;
  products: string | null; group: string | null; createdAt: Date; twoStepEnabled: boolean;
};

/**
 * The account's users matching the list's filters as a CSV stream (BOM, localized headers and
 * words, formula-escaped cells), read in batches by id so a million users never sit in memory.
 * Each batch is two queries — the next ids matching the filters, then their rows with the group
 * and products joined, flat — rather than one query per nested relation.
 */
export function exportUsersCsv(db: Db, accountId: string, filters: UserFilters, locale: AppLocale): ReadableStream<Uint8Array> {
  const m = MESSAGES[locale];
  const header = [m.imports.columns.firstName, m.imports.columns.lastName, m.imports.columns.email, m.users.role, m.users.status, m.users.products, m.users.group, m.users.added, m.users.twoStep];
  let after: string | undefined;
  let view: ResolvedFilters | undefined;
  return csvStream(locale, header, async () => {
    view ??= await resolveFilters(db, accountId, filters);
    // A batch whose users were all deleted in between reads the next one: no rows means the end.
    for (;;) {
      const ids = view.subscriptionId === null ? [] : await db.$queryRaw<{ id: string }[]>`
        SELECT u.id FROM "User" u WHERE ${userConditions(accountId, view)}${after ? Prisma.sql` AND u.id > ${after}::uuid` : Prisma.empty}
        ORDER BY u.id LIMIT ${BATCH}`;
      if (ids.length === 0) return [];
      after = ids[ids.length - 1].id;
      // Product names in code point order, as JavaScript's sort() puts them.
      const rows = await db.$queryRaw<ExportRow[]>`
        SELECT u."firstName", u."lastName", u.email, u.role, u.status, u."createdAt", u."twoStepEnabled", g.name AS "group",
          (SELECT string_agg(p.name, ', ' ORDER BY p.name COLLATE "C") FROM "LicenceAssignment" a
            JOIN "Subscription" s ON s.id = a."subscriptionId" JOIN "Product" p ON p.id = s."productId"
            WHERE a."userId" = u.id) AS products
        FROM "User" u LEFT JOIN "UserGroup" g ON g.id = u."groupId"
        WHERE u.id = ANY(${ids.map((u) => u.id)}::uuid[]) AND u."accountId" = ${accountId}::uuid
        ORDER BY u.id`;
      if (rows.length === 0) continue;
      return rows.map((u) => [
        u.firstName, u.lastName, u.email, m.roles[u.role], m.status[u.status], u.products ?? "", u.group ?? "",
        u.createdAt.toISOString(), u.twoStepEnabled ? m.users.on : m.users.off,
      ]);
    }
  });
}

import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * A digest of everything a user's page (and the REST API's user) shows of them: profile, role,
 * status, group's name, licences, capabilities, second factor. It changes whenever any of those
 * changes, however the change was made (a form, a bulk job, an import), so an edit made from an
 * older view can be refused instead of silently undoing someone else's change (the API's ETag and
 * If-Match). Locks the user's row when asked, so a check and the change it guards see the same row.
 * Null when the user isn't in the account.
 */
export async function userVersion(db: Db | Tx, accountId: string, userId: string, options = { lock: false }): Promise<string | null> {
  const [row] = await db.$queryRaw<{ version: string }[]>`
    SELECT md5(concat_ws('|', u.id, u.email, u."firstName", u."lastName", u.role, u.status, u.locale, u."timeZone", u."groupId", g.name,
      u."unattendedAccess", u."fileManagement", u."remoteControl", u."twoStepEnabled",
      (SELECT string_agg(p.code, ',' ORDER BY p.code) FROM "LicenceAssignment" a
        JOIN "Subscription" s ON s.id = a."subscriptionId" JOIN "Product" p ON p.id = s."productId" WHERE a."userId" = u.id))) AS version
    FROM "User" u LEFT JOIN "UserGroup" g ON g.id = u."groupId"
    WHERE u.id = ${userId}::uuid AND u."accountId" = ${accountId}::uuid
    ${options.lock ? Prisma.sql`FOR UPDATE OF u` : Prisma.empty}`;
  return row?.version ?? null;
}

import "server-only";
import type { ActionContext } from "@/lib/actions/define-action";
import type { Actor } from "@/lib/auth/current-user";
import { NotFoundError, UserFacingError } from "@/lib/actions/errors";
import { queueEmails } from "@/lib/mail/outbox";
import { assertMayManageSelection, selectTargets, type Selection } from "@/lib/users/bulk";

type LicenceContext = Pick<ActionContext, "db" | "accountId" | "audit"> & { user: Actor };

export interface ProductChange {
  selection: Selection;
  expectedCount: number;
  productCode: string;
  notify: boolean;
}

const shortage = (needed: number, available: number) => new UserFacingError("errors.notEnoughSeats", { needed, available: Math.max(0, available) });

/** Queues the product-change email to each user, in their language, listing the products they will have. */
async function notifyUsers(ctx: LicenceContext, userIds: string[], change: { add?: string; remove?: string }) {
  if (userIds.length === 0) return;
  const users = await ctx.db.user.findMany({
    where: { id: { in: userIds }, accountId: ctx.accountId },
    select: { email: true, firstName: true, locale: true, timeZone: true, assignments: { select: { subscription: { select: { product: { select: { name: true } } } } } } },
  });
  const inviterName = `${ctx.user.firstName} ${ctx.user.lastName}`.trim();
  await queueEmails(
    ctx.db,
    ctx.accountId,
    users.map((u) => {
      const names = new Set(u.assignments.map((a) => a.subscription.product.name));
      if (change.add) names.add(change.add);
      if (change.remove) names.delete(change.remove);
      return {
        to: { email: u.email, locale: u.locale, timeZone: u.timeZone },
        kind: "productChange" as const,
        variables: { firstName: u.firstName, accountName: ctx.user.account.name, inviterName, productNames: [...names].sort() },
      };
    }),
  );
}

/** The ids of the selection; a filter selection is resolved inside the account. */
async function selectedIds(ctx: LicenceContext, change: ProductChange) {
  if (change.selection.mode === "ids") return change.selection.ids;
  return (await selectTargets(ctx, change.selection, change.expectedCount, { lock: false })).map((t) => t.id);
}

/**
 * The selected users (always inside the account) with whether each holds the product, and the
 * account's subscription to it — one query. Refused if the selection no longer has the count the
 * confirmation showed.
 */
async function loadChange(ctx: LicenceContext, change: ProductChange) {
  const ids = await selectedIds(ctx, change);
  const rows = await ctx.db.$queryRaw<{ subscriptionId: string; seatsPurchased: number; seatsUsed: number; productName: string; userId: string | null; held: boolean }[]>`
    WITH sub AS (
      SELECT s.id, s."seatsPurchased", s."seatsUsed", p.name FROM "Subscription" s JOIN "Product" p ON p.id = s."productId"
      WHERE s."accountId" = ${ctx.accountId}::uuid AND p.code = ${change.productCode})
    SELECT sub.id AS "subscriptionId", sub."seatsPurchased", sub."seatsUsed", sub.name AS "productName", u.id AS "userId", (a.id IS NOT NULL) AS held
    FROM sub
    LEFT JOIN "User" u ON u."accountId" = ${ctx.accountId}::uuid AND u.id = ANY(${ids}::uuid[])
    LEFT JOIN "LicenceAssignment" a ON a."subscriptionId" = sub.id AND a."userId" = u.id`;
  if (rows.length === 0) throw new NotFoundError();
  const users = rows.filter((r) => r.userId !== null) as ((typeof rows)[number] & { userId: string })[];
  if (users.length !== change.expectedCount) {
    throw new UserFacingError("errors.selectionChanged", { expected: change.expectedCount, actual: users.length });
  }
  const [{ subscriptionId, seatsPurchased, seatsUsed, productName }] = rows;
  return { subscription: { id: subscriptionId, seatsPurchased, seatsUsed, productName }, users };
}

/**
 * Assigns a product to the selected users who don't have it yet. Refused whole, with the numbers,
 * when the seats left can't cover them. Without notifications the whole change is one statement
 * (run outside an interactive transaction by the action, see decision 0008); with them, the emails
 * are queued first in the action's transaction and the seat claim comes last, only the audit
 * insert and the commit following it while it holds the subscription row.
 */
export async function addProducts(ctx: LicenceContext, change: ProductChange) {
  // Not users above the caller's role. Role changes don't wait for seat claims (no account lock
  // here, see decision 0008): a promotion at the same instant is ordered before or after, as ever.
  await assertMayManageSelection(ctx, change.selection, change.expectedCount);
  if (!change.notify) return addInOneStatement(ctx, change);
  const { subscription, users } = await loadChange(ctx, change);
  const adding = users.filter((u) => !u.held).map((u) => u.userId);
  const seatsLeft = subscription.seatsPurchased - subscription.seatsUsed;
  if (adding.length === 0) return { changed: 0, unchanged: users.length, seatsLeft };
  if (adding.length > seatsLeft) throw shortage(adding.length, seatsLeft);
  await notifyUsers(ctx, adding, { add: subscription.productName });

  // The claim: a no-op UPDATE that takes the subscription row only if the seats are there once
  // the lock is ours (PostgreSQL re-checks the condition after waiting); the insert runs only on a
  // successful claim. The trigger and the CHECK on seatsUsed back this up.
  const [outcome] = await ctx.db.$queryRaw<{ seatsLeft: number | null; inserted: number }[]>`
    WITH claim AS (
      UPDATE "Subscription" SET "seatsPurchased" = "seatsPurchased"
      WHERE id = ${subscription.id}::uuid AND "seatsPurchased" - "seatsUsed" >= ${adding.length}
      RETURNING "seatsPurchased" - "seatsUsed" AS "seatsLeft"
    ), inserted AS (
      INSERT INTO "LicenceAssignment" (id, "accountId", "subscriptionId", "userId", "createdAt")
      SELECT gen_random_uuid(), ${ctx.accountId}::uuid, ${subscription.id}::uuid, u, now()
      FROM unnest(${adding}::uuid[]) AS u WHERE EXISTS (SELECT 1 FROM claim)
      ON CONFLICT ("subscriptionId", "userId") DO NOTHING
      RETURNING "userId"
    )
    SELECT (SELECT "seatsLeft" FROM claim) AS "seatsLeft", (SELECT count(*)::int FROM inserted) AS inserted`;
  if (outcome.seatsLeft === null) throw shortage(adding.length, await seatsLeftNow(ctx, change.productCode));
  // Another request assigned some of these users in the meantime: our emails would be wrong.
  if (outcome.inserted !== adding.length) throw new UserFacingError("errors.concurrentChange");
  // Audit events are written after this handler, still inside the lock window but in one statement.
  for (const userId of adding) {
    ctx.audit({ action: "licence.assign", targetType: "user", targetId: userId, before: { [change.productCode]: false }, after: { [change.productCode]: true } });
  }
  return { changed: adding.length, unchanged: users.length - adding.length, seatsLeft: outcome.seatsLeft - adding.length };
}

/**
 * The same change as one statement, audit events included: scope the users to the account, claim
 * the subscription row (a no-op update: its RETURNING reads the seats left once the lock is ours),
 * insert only if they cover everyone, audit what was inserted. The lock lasts as long as the
 * statement, so 50 requests racing for the last seats wait microseconds for each other, not round
 * trips, and a refusal names the seats really left. A user given the product by a concurrent
 * request in the meantime is left as is.
 */
async function addInOneStatement(ctx: LicenceContext, change: ProductChange) {
  const ids = await selectedIds(ctx, change);
  const before = JSON.stringify({ [change.productCode]: false });
  const after = JSON.stringify({ [change.productCode]: true });
  const [outcome] = await ctx.db.$queryRaw<{ found: boolean; picked: number; adding: number; seatsLeft: number | null; inserted: number }[]>`
    WITH sub AS (
      SELECT s.id FROM "Subscription" s JOIN "Product" p ON p.id = s."productId"
      WHERE s."accountId" = ${ctx.accountId}::uuid AND p.code = ${change.productCode}
    ), picked AS (
      SELECT u.id, EXISTS (SELECT 1 FROM "LicenceAssignment" a WHERE a."subscriptionId" = (SELECT id FROM sub) AND a."userId" = u.id) AS held
      FROM "User" u WHERE u."accountId" = ${ctx.accountId}::uuid AND u.id = ANY(${ids}::uuid[])
    ), adding AS (
      SELECT id FROM picked WHERE NOT held
    ), claim AS (
      UPDATE "Subscription" SET "seatsPurchased" = "seatsPurchased"
      WHERE id = (SELECT id FROM sub) AND (SELECT count(*) FROM picked) = ${change.expectedCount} AND EXISTS (SELECT 1 FROM adding)
      RETURNING "seatsPurchased" - "seatsUsed" AS "seatsLeft"
    ), inserted AS (
      INSERT INTO "LicenceAssignment" (id, "accountId", "subscriptionId", "userId", "createdAt")
      SELECT gen_random_uuid(), ${ctx.accountId}::uuid, (SELECT id FROM sub), adding.id, now() FROM adding
      WHERE (SELECT "seatsLeft" FROM claim) >= (SELECT count(*) FROM adding)
      ON CONFLICT ("subscriptionId", "userId") DO NOTHING
      RETURNING "userId"
    ), audited AS (
      INSERT INTO "AuditEvent" (id, "accountId", "actorId", action, "targetType", "targetId", before, after, "createdAt")
      SELECT gen_random_uuid(), ${ctx.accountId}::uuid, ${ctx.user.id}::uuid, 'licence.assign', 'user', i."userId"::text, ${before}::jsonb, ${after}::jsonb, now()
      FROM inserted i
    )
    SELECT EXISTS (SELECT 1 FROM sub) AS found, (SELECT count(*) FROM picked)::int AS picked, (SELECT count(*) FROM adding)::int AS adding,
      (SELECT "seatsLeft" FROM claim) AS "seatsLeft", (SELECT count(*) FROM inserted)::int AS inserted`;
  if (!outcome.found) throw new NotFoundError();
  if (outcome.picked !== change.expectedCount) {
    throw new UserFacingError("errors.selectionChanged", { expected: change.expectedCount, actual: outcome.picked });
  }
  if (outcome.adding === 0) return { changed: 0, unchanged: outcome.picked, seatsLeft: await seatsLeftNow(ctx, change.productCode) };
  if (outcome.seatsLeft! < outcome.adding) throw shortage(outcome.adding, outcome.seatsLeft!);
  return { changed: outcome.inserted, unchanged: outcome.picked - outcome.inserted, seatsLeft: outcome.seatsLeft! - outcome.inserted };
}

async function seatsLeftNow(ctx: LicenceContext, productCode: string) {
  const [row] = await ctx.db.$queryRaw<{ seatsLeft: number }[]>`
    SELECT s."seatsPurchased" - s."seatsUsed" AS "seatsLeft" FROM "Subscription" s JOIN "Product" p ON p.id = s."productId"
    WHERE s."accountId" = ${ctx.accountId}::uuid AND p.code = ${productCode}`;
  return row?.seatsLeft ?? 0;
}

/** Removes a product from the selected users who have it; their seats are free at commit. */
export async function removeProducts(ctx: LicenceContext, change: ProductChange) {
  await assertMayManageSelection(ctx, change.selection, change.expectedCount);
  const { subscription, users } = await loadChange(ctx, change);
  const holders = users.filter((u) => u.held).map((u) => u.userId);
  if (change.notify) await notifyUsers(ctx, holders, { remove: subscription.productName });
  const removed = await ctx.db.$queryRaw<{ userId: string }[]>`
    DELETE FROM "LicenceAssignment" WHERE "subscriptionId" = ${subscription.id}::uuid AND "userId" = ANY(${holders}::uuid[])
    RETURNING "userId"`;
  if (removed.length !== holders.length) throw new UserFacingError("errors.concurrentChange");
  for (const userId of holders) {
    ctx.audit({ action: "licence.remove", targetType: "user", targetId: userId, before: { [change.productCode]: true }, after: { [change.productCode]: false } });
  }
  return { changed: removed.length, unchanged: users.length - removed.length, seatsLeft: subscription.seatsPurchased - subscription.seatsUsed + removed.length };
}

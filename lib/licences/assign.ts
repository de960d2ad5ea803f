import "server-only";
import type { ActionContext } from "@/lib/actions/define-action";
import { NotFoundError, UserFacingError } from "@/lib/actions/errors";
import type { Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { queueEmails } from "@/lib/mail/outbox";
import { selectTargets, type Selection } from "@/lib/users/bulk";

type LicenceContext = Pick<ActionContext, "db" | "accountId" | "user" | "audit">;

export interface ProductChange {
  selection: Selection;
  expectedCount: number;
  productCode: string;
  notify: boolean;
}

/**
 * The account's subscription to a product, row-locked until the transaction ends: every seat
 * change for it waits here, so the check below and the write after it see the same numbers.
 */
async function lockSubscription(tx: Tx, accountId: string, productCode: string) {
  const [subscription] = await tx.$queryRaw<{ id: string; seatsPurchased: number; seatsUsed: number; productName: string }[]>`
    SELECT s.id, s."seatsPurchased", s."seatsUsed", p.name AS "productName"
    FROM "Subscription" s JOIN "Product" p ON p.id = s."productId"
    WHERE s."accountId" = ${accountId}::uuid AND p.code = ${productCode}
    FOR UPDATE OF s`;
  if (!subscription) throw new NotFoundError();
  return subscription;
}

const shortage = (needed: number, available: number) => new UserFacingError("errors.notEnoughSeats", { needed, available });

/** Queues the product-change email to each user, in their language, listing the products they now have. */
async function notifyUsers(ctx: LicenceContext, userIds: string[]) {
  if (userIds.length === 0) return;
  const [account, users] = await Promise.all([
    ctx.db.account.findUniqueOrThrow({ where: { id: ctx.accountId }, select: { name: true } }),
    ctx.db.user.findMany({
      where: { id: { in: userIds }, accountId: ctx.accountId },
      select: { email: true, firstName: true, locale: true, timeZone: true, assignments: { select: { subscription: { select: { product: { select: { name: true } } } } } } },
    }),
  ]);
  const inviterName = `${ctx.user.firstName} ${ctx.user.lastName}`.trim();
  await queueEmails(
    ctx.db,
    ctx.accountId,
    users.map((u) => ({
      to: { email: u.email, locale: u.locale, timeZone: u.timeZone },
      kind: "productChange" as const,
      variables: {
        firstName: u.firstName,
        accountName: account.name,
        inviterName,
        productNames: u.assignments.map((a) => a.subscription.product.name).sort(),
      },
    })),
  );
}

/**
 * Assigns a product to the selected users who don't have it yet. Refused whole, with the numbers,
 * when the seats left can't cover them; the CHECK on Subscription.seatsUsed backs this up.
 */
export async function addProducts(ctx: LicenceContext, change: ProductChange) {
  // Lock order everywhere: account (selectTargets), then subscription — as deleting users does.
  const targets = await selectTargets(ctx, change.selection, change.expectedCount);
  const subscription = await lockSubscription(ctx.db, ctx.accountId, change.productCode);
  const held = new Set(
    (await ctx.db.licenceAssignment.findMany({ where: { subscriptionId: subscription.id, userId: { in: targets.map((t) => t.id) } }, select: { userId: true } }))
      .map((a) => a.userId),
  );
  const adding = targets.filter((t) => !held.has(t.id)).map((t) => t.id);
  const available = subscription.seatsPurchased - subscription.seatsUsed;
  if (adding.length > available) throw shortage(adding.length, available);
  try {
    await ctx.db.$executeRaw`
      INSERT INTO "LicenceAssignment" (id, "accountId", "subscriptionId", "userId", "createdAt")
      SELECT gen_random_uuid(), ${ctx.accountId}::uuid, ${subscription.id}::uuid, u, now() FROM unnest(${adding}::uuid[]) AS u`;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && /23514|seatsUsed_check/.test(JSON.stringify(error.meta ?? {}) + error.message)) {
      throw shortage(adding.length, available);
    }
    throw error;
  }
  for (const userId of adding) {
    ctx.audit({ action: "licence.assign", targetType: "user", targetId: userId, before: { [change.productCode]: false }, after: { [change.productCode]: true } });
  }
  if (change.notify) await notifyUsers(ctx, adding);
  return { changed: adding.length, unchanged: targets.length - adding.length, seatsLeft: available - adding.length };
}

/** Removes a product from the selected users who have it; their seats are free at commit. */
export async function removeProducts(ctx: LicenceContext, change: ProductChange) {
  // Lock order everywhere: account (selectTargets), then subscription — as deleting users does.
  const targets = await selectTargets(ctx, change.selection, change.expectedCount);
  const subscription = await lockSubscription(ctx.db, ctx.accountId, change.productCode);
  const removed = await ctx.db.$queryRaw<{ userId: string }[]>`
    DELETE FROM "LicenceAssignment" WHERE "subscriptionId" = ${subscription.id}::uuid AND "userId" = ANY(${targets.map((t) => t.id)}::uuid[])
    RETURNING "userId"`;
  const removedIds = removed.map((r) => r.userId);
  for (const userId of removedIds) {
    ctx.audit({ action: "licence.remove", targetType: "user", targetId: userId, before: { [change.productCode]: true }, after: { [change.productCode]: false } });
  }
  if (change.notify) await notifyUsers(ctx, removedIds);
  return { changed: removedIds.length, unchanged: targets.length - removedIds.length, seatsLeft: subscription.seatsPurchased - subscription.seatsUsed + removedIds.length };
}

/** Subscriptions with seats used and left, for every place where products are chosen. */
export async function accountProducts(db: Tx, accountId: string) {
  const subscriptions = await db.subscription.findMany({
    where: { accountId },
    orderBy: { product: { name: "asc" } },
    select: { seatsPurchased: true, seatsUsed: true, renewsAt: true, status: true, product: { select: { code: true, name: true, isAddOn: true } } },
  });
  return subscriptions.map((s) => ({ ...s.product, seatsPurchased: s.seatsPurchased, seatsUsed: s.seatsUsed, seatsLeft: s.seatsPurchased - s.seatsUsed, renewsAt: s.renewsAt, status: s.status }));
}

import "server-only";
import type { ActionContext } from "@/lib/actions/define-action";
import { NotFoundError, UserFacingError } from "@/lib/actions/errors";
import type { Tx } from "@/lib/db/client";
import { queueEmails } from "@/lib/mail/outbox";
import { selectTargets, type Selection } from "@/lib/users/bulk";

type LicenceContext = Pick<ActionContext, "db" | "accountId" | "user" | "audit" | "flushAudit">;

export interface ProductChange {
  selection: Selection;
  expectedCount: number;
  productCode: string;
  notify: boolean;
}

async function findSubscription(tx: Tx, accountId: string, productCode: string) {
  const subscription = await tx.subscription.findFirst({
    where: { accountId, product: { code: productCode } },
    select: { id: true, seatsPurchased: true, seatsUsed: true, product: { select: { name: true } } },
  });
  if (!subscription) throw new NotFoundError();
  return subscription;
}

const shortage = (needed: number, available: number) => new UserFacingError("errors.notEnoughSeats", { needed, available: Math.max(0, available) });

/** Queues the product-change email to each user, in their language, listing the products they will have. */
async function notifyUsers(ctx: LicenceContext, userIds: string[], change: { add?: string; remove?: string }) {
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
    users.map((u) => {
      const names = new Set(u.assignments.map((a) => a.subscription.product.name));
      if (change.add) names.add(change.add);
      if (change.remove) names.delete(change.remove);
      return {
        to: { email: u.email, locale: u.locale, timeZone: u.timeZone },
        kind: "productChange" as const,
        variables: { firstName: u.firstName, accountName: account.name, inviterName, productNames: [...names].sort() },
      };
    }),
  );
}

/**
 * Assigns a product to the selected users who don't have it yet. Refused whole, with the numbers,
 * when the seats left can't cover them. Everything else is written first and the seat claim comes
 * last, because it holds the subscription row until commit: concurrent requests queue only for
 * the claim, the insert and the commit.
 */
export async function addProducts(ctx: LicenceContext, change: ProductChange) {
  const targets = await selectTargets(ctx, change.selection, change.expectedCount, { lock: false });
  const subscription = await findSubscription(ctx.db, ctx.accountId, change.productCode);
  const held = new Set(
    (await ctx.db.licenceAssignment.findMany({ where: { subscriptionId: subscription.id, userId: { in: targets.map((t) => t.id) } }, select: { userId: true } }))
      .map((a) => a.userId),
  );
  const adding = targets.filter((t) => !held.has(t.id)).map((t) => t.id);
  if (adding.length === 0) return { changed: 0, unchanged: targets.length, seatsLeft: subscription.seatsPurchased - subscription.seatsUsed };
  if (adding.length > subscription.seatsPurchased - subscription.seatsUsed) {
    throw shortage(adding.length, subscription.seatsPurchased - subscription.seatsUsed);
  }
  for (const userId of adding) {
    ctx.audit({ action: "licence.assign", targetType: "user", targetId: userId, before: { [change.productCode]: false }, after: { [change.productCode]: true } });
  }
  if (change.notify) await notifyUsers(ctx, adding, { add: subscription.product.name });
  await ctx.flushAudit();

  // The claim: a no-op UPDATE that locks the subscription row only if the seats are there once the
  // lock is ours (PostgreSQL re-checks the condition after waiting). A request that can't fit gets
  // no row back and leaves at once; the insert's trigger and CHECK back this up.
  const [claim] = await ctx.db.$queryRaw<{ left: number }[]>`
    UPDATE "Subscription" SET "seatsPurchased" = "seatsPurchased"
    WHERE id = ${subscription.id}::uuid AND "seatsPurchased" - "seatsUsed" >= ${adding.length}
    RETURNING "seatsPurchased" - "seatsUsed" AS left`;
  if (!claim) {
    const now = await findSubscription(ctx.db, ctx.accountId, change.productCode);
    throw shortage(adding.length, now.seatsPurchased - now.seatsUsed);
  }
  const inserted = await ctx.db.$queryRaw<{ userId: string }[]>`
    INSERT INTO "LicenceAssignment" (id, "accountId", "subscriptionId", "userId", "createdAt")
    SELECT gen_random_uuid(), ${ctx.accountId}::uuid, ${subscription.id}::uuid, u, now() FROM unnest(${adding}::uuid[]) AS u
    ON CONFLICT ("subscriptionId", "userId") DO NOTHING
    RETURNING "userId"`;
  // Another request assigned some of these users in the meantime: our emails and audit would be wrong.
  if (inserted.length !== adding.length) throw new UserFacingError("errors.concurrentChange");
  return { changed: adding.length, unchanged: targets.length - adding.length, seatsLeft: claim.left - adding.length };
}

/** Removes a product from the selected users who have it; their seats are free at commit. */
export async function removeProducts(ctx: LicenceContext, change: ProductChange) {
  const targets = await selectTargets(ctx, change.selection, change.expectedCount, { lock: false });
  const subscription = await findSubscription(ctx.db, ctx.accountId, change.productCode);
  const holders = (
    await ctx.db.licenceAssignment.findMany({ where: { subscriptionId: subscription.id, userId: { in: targets.map((t) => t.id) } }, select: { userId: true } })
  ).map((a) => a.userId);
  for (const userId of holders) {
    ctx.audit({ action: "licence.remove", targetType: "user", targetId: userId, before: { [change.productCode]: true }, after: { [change.productCode]: false } });
  }
  if (change.notify) await notifyUsers(ctx, holders, { remove: subscription.product.name });
  await ctx.flushAudit();
  const removed = await ctx.db.$queryRaw<{ userId: string }[]>`
    DELETE FROM "LicenceAssignment" WHERE "subscriptionId" = ${subscription.id}::uuid AND "userId" = ANY(${holders}::uuid[])
    RETURNING "userId"`;
  if (removed.length !== holders.length) throw new UserFacingError("errors.concurrentChange");
  const after = await ctx.db.subscription.findUniqueOrThrow({ where: { id: subscription.id }, select: { seatsPurchased: true, seatsUsed: true } });
  return { changed: removed.length, unchanged: targets.length - removed.length, seatsLeft: after.seatsPurchased - after.seatsUsed };
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

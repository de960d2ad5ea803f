import "server-only";
import type { Tx } from "@/lib/db/client";

/** Subscriptions with seats used and left, for every place where products are chosen. */
export async function accountProducts(db: Tx, accountId: string) {
  const subscriptions = await db.subscription.findMany({
    where: { accountId },
    orderBy: { product: { name: "asc" } },
    select: { seatsPurchased: true, seatsUsed: true, renewsAt: true, status: true, product: { select: { code: true, name: true, isAddOn: true } } },
  });
  return subscriptions.map((s) => ({ ...s.product, seatsPurchased: s.seatsPurchased, seatsUsed: s.seatsUsed, seatsLeft: s.seatsPurchased - s.seatsUsed, renewsAt: s.renewsAt, status: s.status }));
}

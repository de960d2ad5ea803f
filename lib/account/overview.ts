import "server-only";
import type { Db } from "@/lib/db/client";

/** What the home page shows: users per status and each subscription's seats. */
export async function getAccountOverview(db: Db, accountId: string) {
  const [statusCounts, subscriptions] = await Promise.all([
    db.user.groupBy({ by: ["status"], where: { accountId }, _count: { _all: true } }),
    db.subscription.findMany({
      where: { accountId },
      orderBy: { product: { name: "asc" } },
      select: {
        id: true, seatsPurchased: true, seatsUsed: true, renewsAt: true, status: true,
        product: { select: { name: true } },
      },
    }),
  ]);
  return {
    usersByStatus: Object.fromEntries(statusCounts.map((row) => [row.status, row._count._all])),
    totalUsers: statusCounts.reduce((sum, row) => sum + row._count._all, 0),
    subscriptions: subscriptions.map((s) => ({
      id: s.id,
      productName: s.product.name,
      seatsPurchased: s.seatsPurchased,
      seatsUsed: s.seatsUsed,
      renewsAt: s.renewsAt,
      status: s.status,
    })),
  };
}

import "server-only";
import type { Db } from "@/lib/db/client";
import { accountProducts } from "@/lib/licences/products";

/** What the home page shows: users per status and each subscription's seats. */
export async function getAccountOverview(db: Db, accountId: string) {
  const [statusCounts, products] = await Promise.all([
    db.user.groupBy({ by: ["status"], where: { accountId }, _count: { _all: true } }),
    accountProducts(db, accountId),
  ]);
  return {
    usersByStatus: Object.fromEntries(statusCounts.map((row) => [row.status, row._count._all])),
    totalUsers: statusCounts.reduce((sum, row) => sum + row._count._all, 0),
    subscriptions: products.map((p) => ({
      id: p.code,
      productName: p.name,
      seatsPurchased: p.seatsPurchased,
      seatsUsed: p.seatsUsed,
      renewsAt: p.renewsAt,
      status: p.status,
    })),
  };
}

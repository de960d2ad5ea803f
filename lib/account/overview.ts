import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { REMOTE_SUPPORT } from "@/lib/licences/capabilities";
import { accountProducts } from "@/lib/licences/products";
import { UserStatus } from "@/lib/generated/prisma/enums";
import { userCounts } from "@/lib/users/counts";

/**
 * What the home page shows: users per status and each subscription's seats, all from counters the
 * database keeps (a few dozen rows, whatever the account's size).
 */
export async function getAccountOverview(db: Db | Tx, accountId: string) {
  const [counts, products] = await Promise.all([userCounts(db, accountId), accountProducts(db, accountId)]);
  return {
    usersByStatus: Object.fromEntries(Object.values(UserStatus).map((status) => [status, counts.get(`status:${status}`) ?? 0])),
    totalUsers: counts.get("all") ?? 0,
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

/**
 * What the home page's "Your products" card shows the signed-in user: the products assigned to
 * them, and their Remote Support capabilities when they have that product (null otherwise: the
 * capabilities mean nothing without it).
 */
export async function getMyProducts(db: Db, accountId: string, userId: string) {
  const user = await db.user.findFirst({
    where: { id: userId, accountId },
    select: {
      unattendedAccess: true, fileManagement: true, remoteControl: true,
      assignments: { select: { subscription: { select: { product: { select: { code: true, name: true } } } } } },
    },
  });
  const products = (user?.assignments ?? []).map((a) => a.subscription.product).sort((a, b) => a.name.localeCompare(b.name));
  const capabilities = user && products.some((p) => p.code === REMOTE_SUPPORT)
    ? { remoteControl: user.remoteControl, fileManagement: user.fileManagement, unattendedAccess: user.unattendedAccess }
    : null;
  return { products, capabilities };
}

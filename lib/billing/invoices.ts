import "server-only";
import type { Tx } from "@/lib/db/client";

/** The account's invoices, newest first (served by the (accountId, issuedAt desc) index). */
export async function listInvoices(db: Tx, accountId: string) {
  return db.invoice.findMany({
    where: { accountId },
    orderBy: [{ issuedAt: "desc" }, { number: "desc" }],
    select: { id: true, number: true, issuedAt: true, amountCents: true, currency: true, status: true },
  });
}

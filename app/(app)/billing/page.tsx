import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { BillingStatusBadge } from "@/components/billing/status-badge";
import { TableRegion } from "@/components/table-region";
import { requirePermission } from "@/lib/auth/require";
import { listInvoices } from "@/lib/billing/invoices";
import { getDb } from "@/lib/db/client";
import { accountProducts } from "@/lib/licences/products";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("billing"))("title") };
}

export default async function BillingPage() {
  const user = await requirePermission("billing.read");
  const [t, format, subscriptions, invoices] = await Promise.all([
    getTranslations("billing"),
    getFormatter(),
    accountProducts(getDb(), user.accountId),
    listInvoices(getDb(), user.accountId),
  ]);
  const date = (value: Date) => format.dateTime(value, { dateStyle: "long", timeZone: user.timeZone });

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>

      <section aria-labelledby="subscriptions-heading">
        <h2 id="subscriptions-heading" className="text-lg font-semibold">{t("subscriptions")}</h2>
        {subscriptions.length === 0 ? (
          <p className="mt-3 text-slate-600">{t("noSubscriptions")}</p>
        ) : (
          <div className="mt-3 max-w-4xl">
          <TableRegion label={t("subscriptions")} stickyFirstColumn>
          <table aria-labelledby="subscriptions-heading" className="w-full border-collapse bg-white text-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">{t("product")}</th>
                <th scope="col" className="px-3 py-2">{t("seats")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("seatsLeft")}</th>
                <th scope="col" className="px-3 py-2">{t("renews")}</th>
                <th scope="col" className="px-3 py-2">{t("status")}</th>
              </tr>
            </thead>
            <tbody>
              {subscriptions.map((s) => (
                <tr key={s.code} className="border-t border-slate-200">
                  <th scope="row" className="bg-white px-3 py-2 text-left font-medium">{s.name}</th>
                  <td className="px-3 py-2">{t("seatsUsed", { used: s.seatsUsed, purchased: s.seatsPurchased })}</td>
                  <td className="px-3 py-2 text-right">{format.number(s.seatsLeft)}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{date(s.renewsAt)}</td>
                  <td className="px-3 py-2"><BillingStatusBadge status={s.status} label={t(`subscriptionStatus.${s.status}`)} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableRegion>
          </div>
        )}
      </section>

      <section aria-labelledby="invoices-heading">
        <h2 id="invoices-heading" className="text-lg font-semibold">{t("invoices")}</h2>
        {invoices.length === 0 ? (
          <p className="mt-3 text-slate-600">{t("noInvoices")}</p>
        ) : (
          <div className="mt-3 max-w-4xl">
          <TableRegion label={t("invoices")} stickyFirstColumn>
          <table aria-labelledby="invoices-heading" className="w-full border-collapse bg-white text-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">{t("number")}</th>
                <th scope="col" className="px-3 py-2">{t("date")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("amount")}</th>
                <th scope="col" className="px-3 py-2">{t("status")}</th>
              </tr>
            </thead>
            <tbody>
              {invoices.map((invoice) => (
                <tr key={invoice.id} className="border-t border-slate-200">
                  <th scope="row" className="max-w-48 bg-white px-3 py-2 text-left font-mono text-xs font-medium break-anywhere">{invoice.number}</th>
                  <td className="px-3 py-2 whitespace-nowrap">{date(invoice.issuedAt)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {format.number(invoice.amountCents / 100, { style: "currency", currency: invoice.currency })}
                  </td>
                  <td className="px-3 py-2"><BillingStatusBadge status={invoice.status} label={t(`invoiceStatus.${invoice.status}`)} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableRegion>
          </div>
        )}
      </section>
    </div>
  );
}

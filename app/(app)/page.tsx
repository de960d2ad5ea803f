import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { getAccountOverview } from "@/lib/account/overview";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import { isolate } from "@/lib/bidi";

const STATUSES = ["ACTIVE", "INVITED", "TRANSFER_PENDING", "SUSPENDED"] as const;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("home"))("title") };
}

export default async function HomePage() {
  const user = await requirePermission("account.overview");
  const [t, format, overview] = await Promise.all([
    getTranslations(),
    getFormatter(),
    getAccountOverview(getDb(), user.accountId),
  ]);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">{t("home.welcome", { name: isolate(user.firstName) })}</h1>
        <p className="mt-1 text-slate-600">
          {t("home.summary", { account: user.account.name, role: t(`roles.${user.role}`) })}
        </p>
      </div>

      <section aria-labelledby="users-heading">
        <h2 id="users-heading" className="text-lg font-semibold">{t("home.users", { count: overview.totalUsers })}</h2>
        <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
          {STATUSES.map((status) => (
            <div key={status} className="rounded-md border border-slate-200 bg-white p-3">
              <dt className="text-sm text-slate-600">{t(`status.${status}`)}</dt>
              <dd className="text-2xl font-semibold">{format.number(overview.usersByStatus[status] ?? 0)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="products-heading">
        <h2 id="products-heading" className="text-lg font-semibold">{t("home.products")}</h2>
        <table className="mt-3 w-full max-w-3xl border-collapse overflow-hidden rounded-md bg-white text-sm">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">{t("home.product")}</th>
              <th scope="col" className="px-3 py-2">{t("home.seats")}</th>
              <th scope="col" className="px-3 py-2">{t("home.renews")}</th>
            </tr>
          </thead>
          <tbody>
            {overview.subscriptions.map((s) => (
              <tr key={s.id} className="border-t border-slate-200">
                <th scope="row" className="px-3 py-2 text-left font-medium">{s.productName}</th>
                <td className="px-3 py-2">{t("home.seatsUsed", { used: s.seatsUsed, purchased: s.seatsPurchased })}</td>
                <td className="px-3 py-2">{format.dateTime(s.renewsAt, { dateStyle: "long", timeZone: user.timeZone })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/badge";
import { getAccountOverview, getMyProducts } from "@/lib/account/overview";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import { isolate } from "@/lib/bidi";
import { can } from "@/lib/permissions";

const STATUSES = ["ACTIVE", "INVITED", "TRANSFER_PENDING", "SUSPENDED"] as const;
const CAPABILITY_ORDER = ["remoteControl", "fileManagement", "unattendedAccess"] as const;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("home"))("title") };
}

export default async function HomePage() {
  const user = await requirePermission("account.overview");
  const t = await getTranslations();
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">{t("home.welcome", { name: isolate(user.firstName) })}</h1>
        <p className="mt-1 text-slate-600">
          {t("home.summary", { account: user.account.name, role: t(`roles.${user.role}`) })}
        </p>
      </div>
      <MyProducts accountId={user.accountId} userId={user.id} />
      {/* Everyone sees their own products; those who look after people also see the account's figures. */}
      {can(user.role, "users.read") && <AccountOverview accountId={user.accountId} timeZone={user.timeZone} />}
    </div>
  );
}

/** The signed-in user's products and, with Remote Support, their capabilities (an admin sets them). */
async function MyProducts({ accountId, userId }: { accountId: string; userId: string }) {
  const [t, mine] = await Promise.all([getTranslations(), getMyProducts(getDb(), accountId, userId)]);
  const capabilities = mine.capabilities;
  return (
    <section aria-labelledby="my-products-heading" className="max-w-3xl rounded-md border border-slate-200 bg-white p-4">
      <h2 id="my-products-heading" className="text-lg font-semibold">{t("home.myProducts.title")}</h2>
      {mine.products.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">{t("home.myProducts.none")}</p>
      ) : (
        <ul className="mt-2 flex flex-wrap gap-2" aria-label={t("home.myProducts.listLabel")}>
          {mine.products.map((p) => (
            <li key={p.code} className="rounded-md border border-slate-300 px-3 py-1 text-sm font-medium">{p.name}</li>
          ))}
        </ul>
      )}
      {capabilities && (
        <>
          <h3 id="my-capabilities-heading" className="mt-4 text-base font-semibold">{t("capabilities.legend")}</h3>
          <dl aria-labelledby="my-capabilities-heading" className="mt-2 divide-y divide-slate-200">
            {CAPABILITY_ORDER.map((key) => (
              <div key={key} className="flex items-center justify-between gap-4 py-2">
                <dt className="text-sm">{t(`capabilities.${key}`)}</dt>
                <dd><Badge tone={capabilities[key] ? "success" : "neutral"} label={t(capabilities[key] ? "home.myProducts.on" : "home.myProducts.off")} /></dd>
              </div>
            ))}
          </dl>
          {!capabilities.remoteControl && <p className="mt-2 text-sm text-slate-700">{t("capabilities.chatNoteSelf")}</p>}
          <p className="mt-2 text-xs text-slate-600">{t("capabilities.readOnlySelf")}</p>
        </>
      )}
    </section>
  );
}

/** Users per status and each subscription's seats. */
async function AccountOverview({ accountId, timeZone }: { accountId: string; timeZone: string }) {
  const [t, format, overview] = await Promise.all([getTranslations(), getFormatter(), getAccountOverview(getDb(), accountId)]);
  return (
    <>
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
                <td className="px-3 py-2">{format.dateTime(s.renewsAt, { dateStyle: "long", timeZone })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { AppNav } from "@/components/app-nav";
import { UserMenu } from "@/components/user-menu";
import { requireUser } from "@/lib/auth/require";
import { TWO_STEP_SETUP_PATH, twoStepGate } from "@/lib/auth/two-step-policy";
import { can } from "@/lib/permissions";
import { NAVIGATION } from "@/lib/navigation";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  const gate = twoStepGate(user);
  const sections = NAVIGATION.map((section) => ({
    label: section.label && t(`nav.${section.label}`),
    items: section.items
      .filter((item) => can(user.role, item.permission))
      .map((item) => ({ href: item.href, label: t(`nav.${item.label}`) })),
  })).filter((section) => section.items.length > 0);

  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:p-2">
        {t("app.skipToContent")}
      </a>
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-6 py-3">
        <div>
          <span className="font-semibold text-brand-700">{t("app.name")}</span>
          <span className="ml-3 text-sm text-slate-600">{user.account.name}</span>
        </div>
        <UserMenu
          name={`${user.firstName} ${user.lastName}`.trim()}
          email={user.email}
          locale={user.locale}
          labels={{
            menu: t("userMenu.label"),
            profile: t("userMenu.profile"),
            signOut: t("userMenu.signOut"),
          }}
        />
      </header>
      {gate.state !== "free" && (
        <div role="region" aria-label={t("twoStepBanner.label")} className="border-b border-amber-300 bg-amber-50 px-6 py-2 text-sm text-amber-950">
          {gate.state === "grace"
            ? t("twoStepBanner.grace", { date: format.dateTime(gate.deadline, { dateStyle: "long", timeStyle: "short", timeZone: user.timeZone }) })
            : t("twoStepBanner.required")}{" "}
          <Link href={TWO_STEP_SETUP_PATH} className="font-medium underline">{t("twoStepBanner.link")}</Link>
        </div>
      )}
      <div className="flex">
        <AppNav label={t("nav.main")} sections={sections} />
        <main id="main" className="flex-1 p-6">{children}</main>
      </div>
    </div>
  );
}

import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Menu, ShieldAlert, X } from "lucide-react";
import { AppNav } from "@/components/app-nav";
import { AppLogo } from "@/components/app-logo";
import { MobileNav } from "@/components/mobile-nav";
import { NavIcon } from "@/components/nav-icon";
import { UserMenu } from "@/components/user-menu";
import { requireUser } from "@/lib/auth/require";
import { TWO_STEP_SETUP_PATH, twoStepGate } from "@/lib/auth/two-step-policy";
import { can } from "@/lib/permissions";
import { NAVIGATION } from "@/lib/navigation";
import { requestTheme } from "@/lib/theme/request-theme";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const [t, format, theme] = await Promise.all([getTranslations(), getFormatter(), requestTheme()]);
  const gate = twoStepGate(user);
  const sections = NAVIGATION.map((section) => ({
    label: section.label && t(`nav.${section.label}`),
    items: section.items
      .filter((item) => can(user.role, item.permission))
      .map((item) => ({ href: item.href, icon: <NavIcon name={item.label} />, label: t(`nav.${item.label}`) })),
  })).filter((section) => section.items.length > 0);

  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        {t("app.skipToContent")}
      </a>
      <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b border-slate-200 bg-white px-3 sm:px-4">
        <MobileNav title={t("app.name")} label={t("nav.main")} sections={sections} labels={{ open: t("nav.openMenu"), close: t("nav.closeMenu") }}
          icons={{ open: <Menu className="size-5" aria-hidden />, close: <X className="size-5" aria-hidden /> }} />
        <Link href="/" className="flex shrink-0 items-center gap-2 rounded-md font-semibold text-brand-700">
          <AppLogo className="size-7" />
          <span className="sr-only sm:not-sr-only">{t("app.name")}</span>
        </Link>
        <span className="min-w-0 truncate border-l border-slate-200 pl-3 text-sm text-slate-600" title={user.account.name}>{user.account.name}</span>
        <UserMenu
          name={`${user.firstName} ${user.lastName}`.trim()}
          email={user.email}
          locale={user.locale}
          theme={theme}
          labels={{ menu: t("userMenu.label"), profile: t("userMenu.profile"), signOut: t("userMenu.signOut") }}
        />
      </header>
      {gate.state !== "free" && (
        <div role="region" aria-label={t("twoStepBanner.label")} className="flex items-start gap-2 border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950">
          <ShieldAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
          <p>
            {gate.state === "grace"
              ? t("twoStepBanner.grace", { date: format.dateTime(gate.deadline, { dateStyle: "long", timeStyle: "short", timeZone: user.timeZone }) })
              : t("twoStepBanner.required")}{" "}
            <Link href={TWO_STEP_SETUP_PATH} className="font-medium underline">{t("twoStepBanner.link")}</Link>
          </p>
        </div>
      )}
      <div className="lg:grid lg:grid-cols-[15rem_minmax(0,1fr)]">
        <aside className="sticky top-14 hidden h-[calc(100vh-3.5rem)] overflow-y-auto border-r border-slate-200 bg-white lg:block">
          <AppNav label={t("nav.main")} sections={sections} />
        </aside>
        <main id="main" className="min-w-0 px-4 py-5 sm:px-6 lg:px-8">{children}</main>
      </div>
    </div>
  );
}

import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { NavigationProgress } from "@/components/navigation-progress";
import { Toaster } from "@/components/toast";
import { requestTheme } from "@/lib/theme/request-theme";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: { default: t("name"), template: `%s · ${t("name")}` }, applicationName: t("name") };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0f172a" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, theme, t] = await Promise.all([getLocale(), requestTheme(), getTranslations("app")]);
  return (
    <html lang={locale} data-theme={theme === "system" ? undefined : theme}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <NextIntlClientProvider>
          <Suspense>
            <NavigationProgress label={t("loading")} />
          </Suspense>
          {children}
          <Toaster label={t("notifications")} theme={theme} />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}

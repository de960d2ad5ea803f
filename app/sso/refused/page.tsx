import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("ssoRefused"))("title") };
}

const REASONS = ["unknownUser", "suspended", "inactive", "noEmail", "linkedElsewhere", "failed", "expired"] as const;

/** Where a single sign-on that signs nobody in ends: what happened, in words the person can act on. */
export default async function SsoRefusedPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  const t = await getTranslations("ssoRefused");
  const known = REASONS.find((r) => r === reason) ?? "failed";
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-4 px-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p role="alert">{t(`reason.${known}`)}</p>
      <p><Link href="/sign-in" className="font-medium text-brand-700 underline">{t("back")}</Link></p>
    </main>
  );
}

import { getTranslations } from "next-intl/server";
import { ProfileTabs } from "@/components/profile/profile-tabs";

export default async function ProfileLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("profile");
  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <ProfileTabs
        label={t("tabs.label")}
        tabs={[
          { href: "/profile", label: t("tabs.profile") },
          { href: "/profile/security", label: t("tabs.security") },
        ]}
      />
      {children}
    </div>
  );
}

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/components/profile/change-password-form";
import { MyProfileForm } from "@/components/profile/my-profile-form";
import { CapabilitySwitchList } from "@/components/users/capability-switch-list";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/locales";
import { findUserLicences } from "@/lib/licences/capabilities";
import { timeZoneOptions } from "@/lib/time-zones";
import { updateMyProfileAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("profile"))("title") };
}

export default async function ProfilePage() {
  const user = await requirePermission("profile.read");
  const t = await getTranslations("profile");
  const tRoles = await getTranslations("roles");
  const tCapabilities = await getTranslations("capabilities");
  const licences = await findUserLicences(getDb(), user.accountId, user.id);
  // The heading and the Profile | Security tabs are the layout's.
  return (
    <div className="space-y-6">
      {/* The time zone select is the user detail page's control (one searchable control everywhere is another change). */}
      <MyProfileForm
        action={updateMyProfileAction}
        user={{ firstName: user.firstName, lastName: user.lastName, email: user.email, role: tRoles(user.role), locale: user.locale, timeZone: user.timeZone }}
        options={{ locales: LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] })), timeZones: timeZoneOptions() }}
      />
      {licences && (
        <section aria-labelledby="my-settings" className="space-y-3">
          <h2 id="my-settings" className="text-xl font-semibold">{tCapabilities("title")}</h2>
          {/* Read-only: an admin sets them on the user's My settings tab. */}
          <CapabilitySwitchList userId={user.id} values={licences.capabilities} available={licences.remoteSupport} self editable={false} />
        </section>
      )}
      <section aria-labelledby="change-password" className="space-y-3">
        <h2 id="change-password" className="text-xl font-semibold">{t("password.title")}</h2>
        <ChangePasswordForm />
      </section>
    </div>
  );
}

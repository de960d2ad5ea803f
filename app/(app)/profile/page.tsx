import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TextField } from "@/components/form-fields";
import { ChangePasswordForm } from "@/components/profile/change-password-form";
import { CapabilitySwitches } from "@/components/users/capability-switches";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import { LOCALE_NAMES } from "@/lib/i18n/locales";
import { findUserLicences } from "@/lib/licences/capabilities";

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
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="firstName" label={t("firstName")} defaultValue={user.firstName} readOnly />
        <TextField name="lastName" label={t("lastName")} defaultValue={user.lastName} readOnly />
        <TextField name="email" label={t("email")} defaultValue={user.email} readOnly hint={t("emailImmutable")} className="sm:col-span-2" />
        <TextField name="role" label={t("role")} defaultValue={tRoles(user.role)} readOnly />
        <TextField name="language" label={t("language")} defaultValue={LOCALE_NAMES[user.locale]} readOnly />
        <TextField name="timeZone" label={t("timeZone")} defaultValue={user.timeZone} readOnly />
      </div>
      <p className="text-sm text-slate-600">{t("languageHint")}</p>
      {licences && (
        <section aria-labelledby="my-settings" className="space-y-3">
          <h2 id="my-settings" className="text-xl font-semibold">{tCapabilities("title")}</h2>
          {/* Read-only: an admin sets them on the user's My settings tab. */}
          <CapabilitySwitches userId={user.id} values={licences.capabilities} available={licences.remoteSupport} self />
        </section>
      )}
      <section aria-labelledby="change-password" className="space-y-3">
        <h2 id="change-password" className="text-xl font-semibold">{t("password.title")}</h2>
        <ChangePasswordForm />
      </section>
    </div>
  );
}

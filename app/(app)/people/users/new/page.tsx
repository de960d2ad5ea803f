import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SentTooLarge } from "@/components/sent-too-large";
import { AddUsersForm } from "@/components/users/add-users-form";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import { accountWelcomeTemplates } from "@/lib/mail/account-templates";
import { userSettingsOptions } from "@/lib/users/settings-options";
import { MAX_ADD_ROWS } from "@/lib/validation/add-users";
import { addUsersAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("addUsers"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AddUsersPage({ searchParams }: Props) {
  const user = await requirePermission("users.manage");
  const query = await searchParams;
  const requested = Number(query.rows);
  const initialRows = Number.isInteger(requested) ? Math.min(Math.max(requested, 1), MAX_ADD_ROWS) : 1;
  const [t, options, welcomeTemplates] = await Promise.all([
    getTranslations("addUsers"),
    userSettingsOptions(user),
    accountWelcomeTemplates(getDb(), user.accountId),
  ]);
  return (
    <div className="space-y-4">
      <Link href="/people/users" className="text-sm text-brand-700 underline">{t("backToUsers")}</Link>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <SentTooLarge query={query} />
      <AddUsersForm
        action={addUsersAction}
        maxRows={MAX_ADD_ROWS}
        initialRows={initialRows}
        {...options}
        defaults={{ locale: user.locale, timeZone: user.timeZone }}
        welcomeTemplates={welcomeTemplates}
        accountName={user.account.name}
        inviterName={`${user.firstName} ${user.lastName}`.trim()}
      />
    </div>
  );
}

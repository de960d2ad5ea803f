import "server-only";
import { getTranslations } from "next-intl/server";
import type { CurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/locales";
import { accountProducts } from "@/lib/licences/products";
import { ROLES, roleRank } from "@/lib/permissions";
import { groupOptions } from "@/lib/users/list";
import { timeZoneOptions, type TimeZoneOption } from "@/lib/time-zones";

/** The choices of the settings given to users added at once (Add user, CSV import). */
export interface SettingsOptions {
  products: { code: string; name: string; seatsLeft: number }[];
  groups: { id: string; name: string }[];
  /** The roles the signed-in user may grant. */
  roles: { value: string; label: string }[];
  locales: { value: string; label: string }[];
  /** Every zone with its current offset, labelled on the server (no time-zone code in the browser). */
  timeZones: TimeZoneOption[];
}

export async function userSettingsOptions(user: Pick<CurrentUser, "accountId" | "role">): Promise<SettingsOptions> {
  const [tRoles, products, groups] = await Promise.all([
    getTranslations("roles"),
    accountProducts(getDb(), user.accountId),
    groupOptions(getDb(), user.accountId),
  ]);
  return {
    products: products.map((p) => ({ code: p.code, name: p.name, seatsLeft: p.seatsLeft })),
    groups,
    roles: ROLES.filter((r) => roleRank(r) <= roleRank(user.role)).map((r) => ({ value: r, label: tRoles(r) })),
    locales: LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] })),
    timeZones: timeZoneOptions(),
  };
}

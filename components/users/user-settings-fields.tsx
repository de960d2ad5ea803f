"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import type { FieldErrors } from "@/lib/actions/result";
import type { AppLocale } from "@/lib/i18n/locales";
import type { SettingsOptions } from "@/lib/users/settings-options";
import { SelectField } from "../form-fields";
import { TimeZoneField } from "../time-zone-field";

export type { SettingsOptions };

interface Props {
  options: SettingsOptions;
  errors: FieldErrors;
  locale: AppLocale;
  timeZone: string;
  onLocaleChange(locale: AppLocale): void;
  onTimeZoneChange(timeZone: string): void;
  /** More additional settings (Add user's welcome email). */
  children?: React.ReactNode;
}

/**
 * Products and Additional settings given to every user added at once — by Add user and by a CSV
 * import (where a row's own cells override them). Controlled fields: React resets uncontrolled
 * ones after each submission, failed ones included.
 */
export function UserSettingsFields({ options, errors, locale, timeZone, onLocaleChange, onTimeZoneChange, children }: Props) {
  const t = useTranslations("addUsers");
  const [products, setProducts] = useState<string[]>([]);
  const [groupId, setGroupId] = useState("none");
  const [role, setRole] = useState("MEMBER");
  return (
    <>
      <fieldset className="space-y-2">
        <legend className="text-lg font-semibold">{t("products")}</legend>
        {options.products.length === 0 ? <p className="text-sm text-slate-600">{t("noProducts")}</p> : (
          <ul className="space-y-1">
            {options.products.map((p) => (
              <li key={p.code}>
                <label className="inline-flex items-center gap-2 text-sm">
                  <input type="checkbox" name="products" value={p.code} disabled={p.seatsLeft === 0} className="h-4 w-4"
                    checked={products.includes(p.code)}
                    onChange={(e) => setProducts((current) => (e.target.checked ? [...current, p.code] : current.filter((c) => c !== p.code)))} />
                  {p.name} <span className="text-slate-600">({t("seatsLeft", { count: p.seatsLeft })})</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {errors.products && <p className="text-sm text-red-700" role="alert">{errors.products.join(" ")}</p>}
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">{t("additionalSettings")}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField name="locale" label={t("language")} options={options.locales} selected={locale}
            onChange={(e) => onLocaleChange(e.target.value as AppLocale)} errors={errors.locale} />
          <TimeZoneField name="timeZone" label={t("timeZone")} hint={t("timeZoneHint")} zones={options.timeZones} value={timeZone}
            onChange={onTimeZoneChange} errors={errors.timeZone} />
          <SelectField name="groupId" label={t("group")} selected={groupId} onChange={(e) => setGroupId(e.target.value)} errors={errors.groupId}
            options={[{ value: "none", label: t("noGroup") }, ...options.groups.map((g) => ({ value: g.id, label: g.name }))]} />
          <SelectField name="role" label={t("role")} selected={role} onChange={(e) => setRole(e.target.value)} options={options.roles} errors={errors.role} />
        </div>
        {children}
      </fieldset>
    </>
  );
}

import Link from "next/link";
import { signOutAction, updateMyLanguageAction } from "@/app/(app)/actions";
import type { AppLocale } from "@/lib/i18n/locales";
import { LanguageSelect } from "./language-select";

/** A disclosure menu (<details>): keyboard- and screen-reader-friendly, and it works without JavaScript. */
export function UserMenu({ name, email, locale, labels }: {
  name: string;
  email: string;
  locale: AppLocale;
  labels: { menu: string; profile: string; signOut: string };
}) {
  return (
    <details className="relative">
      <summary className="cursor-pointer rounded-md px-3 py-1.5 text-sm hover:bg-slate-100">
        <span className="sr-only">{labels.menu}: </span>
        {name}
      </summary>
      <div className="absolute right-0 z-10 mt-1 w-72 space-y-2 rounded-md border border-slate-200 bg-white p-3 shadow-lg">
        <p className="truncate text-xs text-slate-600">{email}</p>
        <Link href="/profile" className="block rounded px-2 py-1.5 text-sm hover:bg-slate-100">{labels.profile}</Link>
        <LanguageSelect action={updateMyLanguageAction} current={locale} />
        <form action={signOutAction as unknown as (formData: FormData) => Promise<void>}>
          <button type="submit" className="block w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100">
            {labels.signOut}
          </button>
        </form>
      </div>
    </details>
  );
}

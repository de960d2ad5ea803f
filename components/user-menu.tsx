import Link from "next/link";
import { ChevronDown, LogOut, Monitor, Moon, Sun, UserRound } from "lucide-react";
import { setThemeAction, signOutAction, updateMyLanguageAction } from "@/app/(app)/actions";
import type { AppLocale } from "@/lib/i18n/locales";
import type { Theme } from "@/lib/theme/themes";
import { LanguageSelect } from "./language-select";
import { MenuDisclosure } from "./menu-disclosure";
import { ThemeSelect } from "./theme-select";

const initialsOf = (name: string) =>
  name.split(/\s+/).filter(Boolean).slice(0, 2).map((part) => [...part][0]?.toUpperCase()).join("") || "?";

/** The account menu: who is signed in, My profile, theme, language and Sign out. */
export function UserMenu({ name, email, locale, theme, labels }: {
  name: string;
  email: string;
  locale: AppLocale;
  theme: Theme;
  labels: { menu: string; profile: string; signOut: string };
}) {
  return (
    <MenuDisclosure
      className="ml-auto shrink-0"
      summaryLabel={`${labels.menu}: ${name}`}
      summary={
        <>
          <span aria-hidden className="inline-flex size-8 shrink-0 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-on-fill">{initialsOf(name)}</span>
          <span className="hidden max-w-48 truncate font-medium sm:inline" title={name}>{name}</span>
          <ChevronDown className="size-4 shrink-0 text-slate-600 transition-transform group-open:rotate-180" aria-hidden />
        </>
      }
    >
      <p className="truncate border-b border-slate-200 pb-2 text-xs text-slate-600" title={email}>{email}</p>
      <Link href="/profile" className="flex items-center gap-2 rounded px-2 py-1.5 text-sm hover:bg-slate-100">
        <UserRound className="size-4" aria-hidden />
        {labels.profile}
      </Link>
      <ThemeSelect
        action={setThemeAction}
        current={theme}
        icons={{ system: <Monitor className="size-3.5" aria-hidden />, light: <Sun className="size-3.5" aria-hidden />, dark: <Moon className="size-3.5" aria-hidden /> }}
      />
      <LanguageSelect action={updateMyLanguageAction} current={locale} />
      <form action={signOutAction as unknown as (formData: FormData) => Promise<void>} className="border-t border-slate-200 pt-2">
        <button type="submit" className="flex w-full items-center gap-2 rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100">
          <LogOut className="size-4" aria-hidden />
          {labels.signOut}
        </button>
      </form>
    </MenuDisclosure>
  );
}

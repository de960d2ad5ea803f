/**
 * The app's four kinds of button, as class names so that a <button>, a <Link> and a <summary>
 * look the same. Icons inside are 16 px (`size-4`) and sit before the label.
 */
const BASE = "inline-flex items-center justify-center gap-1.5 rounded-md text-sm font-semibold whitespace-nowrap aria-disabled:opacity-60 disabled:cursor-not-allowed disabled:opacity-60";

export const button = {
  primary: `${BASE} bg-brand-600 px-4 py-2 text-on-fill hover:bg-brand-700`,
  secondary: `${BASE} border border-slate-400 bg-white px-4 py-2 text-slate-900 hover:bg-slate-100`,
  danger: `${BASE} bg-red-700 px-4 py-2 text-on-fill hover:bg-red-800`,
  /** Quiet actions inside rows and menus. */
  ghost: `${BASE} px-2 py-1.5 font-medium text-slate-800 hover:bg-slate-100`,
  /** The smaller size, for row actions and toolbars. */
  small: "px-3 py-1.5",
} as const;

import "server-only";
import { cookies } from "next/headers";
import { THEME_COOKIE, themeOf, type Theme } from "./theme";

/** This browser's theme choice (a cookie, so the first paint is already right: no flash, no script). */
export async function requestTheme(): Promise<Theme> {
  return themeOf((await cookies()).get(THEME_COOKIE)?.value);
}

export async function rememberTheme(theme: Theme): Promise<void> {
  (await cookies()).set(THEME_COOKIE, theme, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
}

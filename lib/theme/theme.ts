import { z } from "zod";

/** The colour theme: the system's (the default), or one forced by the account menu's Theme switch. */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_COOKIE = "theme";

export const themeSchema = z.object({ theme: z.enum(THEMES) });

export const themeOf = (value: string | undefined): Theme =>
  (THEMES as readonly string[]).includes(value ?? "") ? (value as Theme) : "system";

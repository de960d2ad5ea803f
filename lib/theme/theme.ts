import { z } from "zod";

import { THEMES, type Theme } from "./themes";

export { THEMES, type Theme };
export const THEME_COOKIE = "theme";

export const themeSchema = z.object({ theme: z.enum(THEMES) });

export const themeOf = (value: string | undefined): Theme =>
  (THEMES as readonly string[]).includes(value ?? "") ? (value as Theme) : "system";

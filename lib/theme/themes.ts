// The themes without their schema: client components import this, so zod stays out of the shell's JavaScript.

/** The colour theme: the system's (the default), or one forced by the account menu's Theme switch. */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

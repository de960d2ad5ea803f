import { positiveInteger } from "@/lib/env";

const UNITS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "24h", "30m", "0s", "2d" → milliseconds; undefined when the text isn't such a duration. */
function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$/i.exec(text);
  return match ? Number(match[1]) * UNITS[match[2].toLowerCase() as keyof typeof UNITS] : undefined;
}

/** How long after its commit an import is reflected in the account: IMPORT_REFLECTION_DELAY, default 24h. */
export function reflectionDelayMs(): number {
  const configured = process.env.IMPORT_REFLECTION_DELAY;
  return (configured === undefined ? undefined : parseDuration(configured)) ?? UNITS.h * 24;
}

/**
 * The delay as people say it: whole days as hours ("about 24 hours"), else minutes, else seconds;
 * `value` 0 when imports are reflected at once.
 */
export function reflectionDelay(): { value: number; unit: "hour" | "minute" | "second" } {
  const ms = reflectionDelayMs();
  if (ms >= UNITS.h && ms % UNITS.h === 0) return { value: ms / UNITS.h, unit: "hour" };
  if (ms >= UNITS.m) return { value: Math.round(ms / UNITS.m), unit: "minute" };
  return { value: Math.round(ms / UNITS.s), unit: "second" };
}

/** Files an account may upload for import in any hour: IMPORTS_PER_HOUR, default 30. */
export function importsPerHour(): number {
  return positiveInteger("IMPORTS_PER_HOUR", 30);
}

import { TIME_ZONES } from "@/lib/validation/users";

/** One choice of a time-zone control: the IANA id it submits and what it shows ("Europe/Copenhagen UTC+01:00"). */
export interface TimeZoneOption {
  id: string;
  label: string;
}

/** "GMT+01:00" (or "GMT" for UTC itself) as "UTC+01:00". */
function offsetOf(timeZone: string, at: Date): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const offset = part.replace(/^GMT/, "");
  return `UTC${offset || "+00:00"}`;
}

let cached: { hour: number; options: TimeZoneOption[] } | undefined;

/**
 * Every time zone a user may have, with its current offset, computed on the server so the
 * browser gets a short list of strings instead of a time-zone library (components/time-zone-field.tsx).
 * Kept for the hour: ~400 formatters take 100 ms or more, and offsets only change at a DST switch.
 */
export function timeZoneOptions(at = new Date()): TimeZoneOption[] {
  const hour = Math.floor(at.getTime() / 3_600_000);
  if (cached?.hour === hour) return cached.options;
  const options = TIME_ZONES.map((id) => ({ id, label: id === "UTC" ? "UTC" : `${id} ${offsetOf(id, at)}` }));
  cached = { hour, options };
  return options;
}

/** One formatter per time zone: building one costs far more than using it (an export formats every row). */
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();
function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
    });
    wallClockFormats.set(timeZone, format);
  }
  return format;
}

/** How far a time zone's wall clock is ahead of UTC at that instant, in minutes (+120 for Paris in summer). */
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = wallClockFormat(timeZone).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wallClock = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  return Math.round((wallClock - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** "2026-03-29" → [2026, 3, 29]. */
const dayParts = (day: string) => day.split("-").map(Number) as [number, number, number];

/** A calendar day ("2026-03-29") that really exists; anything else is not a day. */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = dayParts(value);
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) === value;
}

/**
 * The instant a calendar day starts in that time zone. Midnight's offset is asked for twice: the
 * first guess may sit on the other side of a daylight-saving change.
 */
export function startOfDay(day: string, timeZone: string): Date {
  const [y, m, d] = dayParts(day);
  const midnightUtc = Date.UTC(y, m - 1, d);
  const guess = midnightUtc - offsetMinutes(midnightUtc, timeZone) * 60_000;
  return new Date(midnightUtc - offsetMinutes(guess, timeZone) * 60_000);
}

/** The instant the day after `day` starts in that time zone: the exclusive end of `day`. */
export function endOfDay(day: string, timeZone: string): Date {
  const [y, m, d] = dayParts(day);
  return startOfDay(new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10), timeZone);
}

/** An instant as the wall clock in that time zone shows it, ISO 8601 with its offset: "2026-03-29T03:30:00+02:00". */
export function zonedIso(instant: Date, timeZone: string): string {
  const offset = offsetMinutes(instant.getTime(), timeZone);
  const wallClock = new Date(Math.floor(instant.getTime() / 1000) * 1000 + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? "-" : "+";
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0");
  const minutes = String(Math.abs(offset) % 60).padStart(2, "0");
  return `${wallClock}${sign}${hours}:${minutes}`;
}

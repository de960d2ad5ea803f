import { describe, expect, it } from "vitest";
import { endOfDay, isCalendarDay, startOfDay, zonedIso } from "@/lib/time-zone";

describe("days in a time zone", () => {
  it.each([
    ["2026-03-10", "Europe/Paris", "2026-03-09T23:00:00.000Z", "2026-03-10T23:00:00.000Z"],
    ["2026-03-29", "Europe/Paris", "2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z"], // 23-hour day
    ["2026-10-25", "Europe/Paris", "2026-10-24T22:00:00.000Z", "2026-10-25T23:00:00.000Z"], // 25-hour day
    ["2026-03-08", "America/New_York", "2026-03-08T05:00:00.000Z", "2026-03-09T04:00:00.000Z"],
    ["2026-01-10", "Asia/Kolkata", "2026-01-09T18:30:00.000Z", "2026-01-10T18:30:00.000Z"],
    ["2026-12-31", "UTC", "2026-12-31T00:00:00.000Z", "2027-01-01T00:00:00.000Z"],
  ])("%s in %s runs from %s to %s", (day, timeZone, start, end) => {
    expect(startOfDay(day, timeZone).toISOString()).toBe(start);
    expect(endOfDay(day, timeZone).toISOString()).toBe(end);
  });

  it("accepts only days that exist", () => {
    expect(["2024-02-29", "2026-12-31"].map(isCalendarDay)).toEqual([true, true]);
    expect(["2026-02-29", "2026-13-01", "2026-1-01", "20260101", "2026-01-01T00:00", ""].map(isCalendarDay)).toEqual([false, false, false, false, false, false]);
  });

  it("writes an instant as the zone's wall clock with its offset", () => {
    expect(zonedIso(new Date("2026-03-29T01:30:00Z"), "Europe/Paris")).toBe("2026-03-29T03:30:00+02:00");
    expect(zonedIso(new Date("2026-01-10T01:30:00.999Z"), "America/St_Johns")).toBe("2026-01-09T22:00:00-03:30");
    expect(zonedIso(new Date("2026-01-10T01:30:00Z"), "UTC")).toBe("2026-01-10T01:30:00+00:00");
  });
});

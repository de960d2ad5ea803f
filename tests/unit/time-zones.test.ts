import { describe, expect, it } from "vitest";
import { timeZoneOptions } from "@/lib/time-zones";
import { TIME_ZONES } from "@/lib/validation/users";

describe("timeZoneOptions", () => {
  it("labels every zone with its offset at that time, UTC first and plain", () => {
    const winter = timeZoneOptions(new Date("2026-01-15T12:00:00Z"));
    expect(winter.map((z) => z.id)).toEqual(TIME_ZONES);
    expect(winter[0]).toEqual({ id: "UTC", label: "UTC" });
    expect(winter.find((z) => z.id === "Europe/Copenhagen")?.label).toBe("Europe/Copenhagen UTC+01:00");
    expect(winter.find((z) => z.id === "America/New_York")?.label).toBe("America/New_York UTC-05:00");
    expect(winter.find((z) => z.id === "Africa/Abidjan")?.label).toBe("Africa/Abidjan UTC+00:00");
    // Summer time: another hour, another offset.
    expect(timeZoneOptions(new Date("2026-07-15T12:00:00Z")).find((z) => z.id === "Europe/Copenhagen")?.label).toBe("Europe/Copenhagen UTC+02:00");
  });
});

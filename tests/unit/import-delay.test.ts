import { afterEach, describe, expect, it } from "vitest";
import { reflectionDelay } from "@/lib/imports/settings";

describe("reflectionDelay", () => {
  const saved = process.env.IMPORT_REFLECTION_DELAY;
  afterEach(() => {
    if (saved === undefined) delete process.env.IMPORT_REFLECTION_DELAY;
    else process.env.IMPORT_REFLECTION_DELAY = saved;
  });

  it.each([
    [undefined, { value: 24, unit: "hour" }],
    ["24h", { value: 24, unit: "hour" }],
    ["2d", { value: 48, unit: "hour" }],
    ["90m", { value: 90, unit: "minute" }],
    ["1.5h", { value: 90, unit: "minute" }],
    ["45s", { value: 45, unit: "second" }],
    ["0s", { value: 0, unit: "second" }],
    ["soon", { value: 24, unit: "hour" }],
  ])("IMPORT_REFLECTION_DELAY=%s is said as %j", (configured, expected) => {
    if (configured === undefined) delete process.env.IMPORT_REFLECTION_DELAY;
    else process.env.IMPORT_REFLECTION_DELAY = configured;
    expect(reflectionDelay()).toEqual(expected);
  });
});

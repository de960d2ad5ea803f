import { describe, expect, it } from "vitest";
import { isolate } from "@/lib/bidi";

const FSI = "\u2068";
const PDI = "\u2069";

describe("isolate", () => {
  it("leaves left-to-right text, accents and emoji as they are", () => {
    for (const value of ["Ada Lovelace", "Zoë Ørsted-Ñúñez", "李小龍", "Ana 👩🏽‍💻", ""]) expect(isolate(value)).toBe(value);
  });

  it("isolates right-to-left names", () => {
    expect(isolate("سارة")).toBe(`${FSI}سارة${PDI}`);
    expect(isolate("דוד כהן")).toBe(`${FSI}דוד כהן${PDI}`);
  });

  it("isolates a name carrying a right-to-left override, so the override ends with the name", () => {
    expect(isolate("Eve\u202Egnp.exe")).toBe(`${FSI}Eve\u202Egnp.exe${PDI}`);
    expect(isolate("\u200Fx")).toBe(`${FSI}\u200Fx${PDI}`);
  });

  it("drops a stray isolate terminator that would end the isolate early", () => {
    expect(isolate(`a${PDI}\u202Eb`)).toBe(`${FSI}a\u202Eb${PDI}`);
  });

  it("closes isolates the name leaves open, so the closing terminator is its own", () => {
    expect(isolate(`\u2067ab`)).toBe(`${FSI}\u2067ab${PDI}${PDI}`);
    expect(isolate(`\u2066a${PDI}b`)).toBe(`${FSI}\u2066a${PDI}b${PDI}`);
  });
});

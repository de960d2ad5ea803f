import { describe, expect, it } from "vitest";
import { lineText, storableLine, textProblem } from "@/lib/validation/text";

describe("textProblem", () => {
  it.each([
    ["Ann\u0000", "one", "validation.controlCharacters"],
    ["Ann\u0000", "many", "validation.controlCharacters"],
    ["Ann\u007f", "one", "validation.controlCharacters"],
    ["Ann\u009b", "one", "validation.controlCharacters"],
    ["Ann\r\nLee", "one", "validation.oneLine"],
    ["Ann\u2028Lee", "one", "validation.oneLine"],
    ["Ann\tLee", "one", "validation.oneLine"],
    ["Ann\r\n\tLee", "many", undefined],
    ["\uD83D", "many", "validation.brokenText"],
    ["x\uDE80", "one", "validation.brokenText"],
    ["🚀 👩‍💻 مريم \u202E", "one", undefined],
    ["<script>'; --", "one", undefined],
  ] as const)("%j as %s line(s): %s", (value, lines, expected) => {
    expect(textProblem(value, lines)).toBe(expected);
  });
});

describe("lineText", () => {
  it("trims, then refuses with the catalogue key of its problem", () => {
    expect(lineText(10).parse("  Ann  ")).toBe("Ann");
    expect(lineText(10).safeParse("Ann\nLee").error?.issues.map((i) => i.message)).toEqual(["validation.oneLine"]);
    expect(lineText(3).safeParse("Anne").error?.issues.map((i) => i.message)).toEqual(["validation.tooLong"]);
  });
});

describe("storableLine", () => {
  it("replaces what can't be stored, and never cuts an emoji in half", () => {
    expect(storableLine(" a\u0000b\r\nc\uD800 ", 100)).toBe("a b  c\uFFFD");
    expect(storableLine("ab🚀🚀", 3)).toBe("ab🚀");
  });
});

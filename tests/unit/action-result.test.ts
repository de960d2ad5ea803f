import { describe, expect, it } from "vitest";
import { failureOf, firstError, type ActionResult } from "@/lib/actions/result";

describe("reading an action's answer in a form", () => {
  const refused: ActionResult = { ok: false, formError: "Not allowed.", fieldErrors: { name: ["Required."] } };

  it("gives the refusal, and nothing before the first answer or after a success", () => {
    expect(failureOf(refused)).toBe(refused);
    expect(failureOf(undefined)).toBeUndefined();
    expect(failureOf({ ok: true, data: undefined })).toBeUndefined();
  });

  it("gives one message: the form's, else the first field's", () => {
    expect(firstError(refused)).toBe("Not allowed.");
    expect(firstError({ ok: false, fieldErrors: { name: ["Required."], email: ["Invalid."] } })).toBe("Required.");
    expect(firstError({ ok: false })).toBeUndefined();
    expect(firstError({ ok: true, data: 1 })).toBeUndefined();
    expect(firstError(undefined)).toBeUndefined();
  });
});

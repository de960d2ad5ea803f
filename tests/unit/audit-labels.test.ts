import { describe, expect, it } from "vitest";
import { actionLabel } from "@/lib/audit/labels";
import { LOCALES } from "@/lib/i18n/locales";

describe("sign-in actions in the audit log", () => {
  it.each(LOCALES)("have a label in %s", (locale) => {
    for (const action of ["auth.signIn", "auth.signInFailed", "auth.signOut"]) {
      expect(actionLabel(locale, action)).not.toBe(action);
    }
    expect(actionLabel(locale, "auth.signIn")).not.toBe(actionLabel(locale, "auth.signInFailed"));
  });
});

describe("two-step verification changes in the audit log", () => {
  it.each(LOCALES)("have a label in %s", (locale) => {
    for (const action of ["twoStep.totpStart", "twoStep.totpConfirm", "twoStep.totpRemove", "twoStep.recoveryCodesRegenerate"]) {
      expect(actionLabel(locale, action)).not.toBe(action);
    }
  });
});

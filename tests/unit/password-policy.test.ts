import { describe, expect, it } from "vitest";
import { dictionary } from "@zxcvbn-ts/language-common";
import { assertNewPasswordAllowed, containsEmailLocalPart, isCommonPassword } from "@/lib/auth/password-policy";

describe("common passwords", () => {
  it("come from a list of at least 10,000", () => {
    expect(dictionary["passwords-common"].length).toBeGreaterThanOrEqual(10_000);
  });

  it.each(["password1234", "PASSWORD1234", " password1234 ", "123456789012", "passwordpassword", "111111111111", "aaaaaaaaaaaaaaaa", "abcabcabcabc", "121212121212", "qwertyqwerty", "monkeymonkey", "123456", "iloveyou"])(
    "refuses %j", (password) => {
      expect(isCommonPassword(password)).toBe(true);
    },
  );

  it.each(["correct horse battery staple", "a brand new passphrase", "Zq8!rT2#mW5v", "tulip-harbor-57-quietly"])("accepts %j", (password) => {
    expect(isCommonPassword(password)).toBe(false);
  });
});

describe("the email's local part in a password", () => {
  it("is refused whatever its case, from 3 characters", () => {
    expect(containsEmailLocalPart("my Jane.Doe passphrase", "jane.doe@example.com")).toBe(true);
    expect(containsEmailLocalPart("xxANNxxxxxxx", "ann@example.com")).toBe(true);
    expect(containsEmailLocalPart("a brand new passphrase", "jane.doe@example.com")).toBe(false);
    // Too short to mean anything: "al" is in many words.
    expect(containsEmailLocalPart("totally fine passphrase", "al@example.com")).toBe(false);
    // Only the local part counts, not the domain.
    expect(containsEmailLocalPart("example.com is my home", "someone@example.com")).toBe(false);
  });
});

describe("assertNewPasswordAllowed", () => {
  it("refuses at the password field with the reason", () => {
    expect(() => assertNewPasswordAllowed("password1234", "ann@example.com")).toThrow(expect.objectContaining({ messageKey: "validation.passwordCommon", field: "password" }));
    expect(() => assertNewPasswordAllowed("ann is the best", "ann@example.com")).toThrow(expect.objectContaining({ messageKey: "validation.passwordContainsEmail", field: "password" }));
    expect(() => assertNewPasswordAllowed("a brand new passphrase", "ann@example.com")).not.toThrow();
  });
});

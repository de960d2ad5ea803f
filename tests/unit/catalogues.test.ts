import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/messages";

function flatten(value: unknown, prefix = ""): Record<string, string> {
  if (typeof value === "string") return { [prefix]: value };
  return Object.entries(value as Record<string, unknown>).reduce(
    (all, [key, child]) => ({ ...all, ...flatten(child, prefix ? `${prefix}.${key}` : key) }),
    {},
  );
}

const placeholders = (message: string) =>
  [...message.matchAll(/\{\s*([a-zA-Z0-9_]+)\s*[,}]/g)].map((m) => m[1]).sort();

const english = flatten(MESSAGES.en);

describe.each(LOCALES.filter((l) => l !== "en"))("the %s catalogue", (locale) => {
  const catalogue = flatten(MESSAGES[locale]);

  it("has every English key and no other", () => {
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(english).sort());
  });

  it("keeps every placeholder of the English message", () => {
    for (const [key, message] of Object.entries(english)) {
      expect(placeholders(catalogue[key] ?? ""), key).toEqual(placeholders(message));
    }
  });

  it("has no empty message", () => {
    expect(Object.entries(catalogue).filter(([, message]) => !message.trim())).toEqual([]);
  });
});

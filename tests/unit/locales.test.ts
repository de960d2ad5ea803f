import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, resolveLocale } from "@/lib/i18n/locales";

describe("resolveLocale", () => {
  it("prefers the user's setting over the cookie and the browser", () => {
    expect(resolveLocale({ userLocale: "nl", cookieLocale: "fr", acceptLanguage: "de" })).toBe("nl");
  });
  it("uses the cookie when there is no user setting", () => {
    expect(resolveLocale({ cookieLocale: "fr", acceptLanguage: "de" })).toBe("fr");
  });
  it("falls back to Accept-Language, then English", () => {
    expect(resolveLocale({ acceptLanguage: "pt-BR,pt;q=0.9" })).toBe("pt");
    expect(resolveLocale({})).toBe("en");
  });
  it("ignores values that are not supported locales", () => {
    expect(resolveLocale({ userLocale: "xx", cookieLocale: "<script>", acceptLanguage: "ja" })).toBe("en");
  });
});

describe("localeFromAcceptLanguage", () => {
  it("respects q-values rather than order", () => {
    expect(localeFromAcceptLanguage("en;q=0.5, it;q=0.9, ja")).toBe("it");
  });
  it("skips languages refused with q=0 and unknown ones", () => {
    expect(localeFromAcceptLanguage("ja, es;q=0, de-CH;q=0.3")).toBe("de");
  });
  it("answers undefined for nothing usable", () => {
    expect(localeFromAcceptLanguage("")).toBeUndefined();
    expect(localeFromAcceptLanguage("zz, *")).toBeUndefined();
  });
});

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { APP_SECTIONS, callbackPathSchema, safeCallbackPath } from "@/lib/validation/auth";

// Shapes that have sent browsers to another site after sign-in (open-redirect write-ups and
// payload lists): each must come back as a path of this app, and here as home.
const BYPASSES = [
  "//evil.example",
  "///evil.example",
  "////evil.example",
  "/.//evil.example",
  "/./evil.example/..//evil.example",
  "/../evil.example",
  "/..//evil.example",
  "/%2e/%2fevil.example",
  "/%2F%2Fevil.example",
  "%2F%2Fevil.example",
  "/%5Cevil.example",
  "/%5C%5Cevil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "/\\/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "\t//evil.example",
  " //evil.example",
  "/%09/evil.example",
  "/%0a/evil.example",
  "/\u2215\u2215evil.example",
  "/\u2044\u2044evil.example",
  "/\uFF0F\uFF0Fevil.example",
  "\uFF0F\uFF0Fevil.example",
  "/\uFF3Cevil.example",
  "/@evil.example",
  "//user@evil.example",
  "//user:pass@evil.example/people",
  "https://evil.example",
  "http://evil.example/people",
  "https:evil.example",
  "http:/evil.example",
  "HTTPS://evil.example",
  "//evil.example/%2e%2e",
  "javascript:alert(1)",
  "JavaScript:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "/evil.example",
  "evil.example",
  "/api/health",
  "/sign-in",
  "/sign-in?callbackUrl=//evil.example",
  "/_next/static/x.js",
  "/.%2e/evil.example",
  "/people/../../evil.example",
  "/\u0000/evil.example",
  "",
  " ",
  "/".repeat(3000) + "evil.example",
];

const KEPT: [string, string][] = [
  ["/", "/"],
  ["/people/users?status=ACTIVE", "/people/users?status=ACTIVE"],
  ["/settings/audit-log", "/settings/audit-log"],
  ["/settings/audit-log?action=user.create#top", "/settings/audit-log?action=user.create#top"],
  ["/billing", "/billing"],
  ["/profile", "/profile"],
  ["/people/groups", "/people/groups"],
  ["/?tab=seats", "/?tab=seats"],
  // Normalized: dot segments resolved, non-ASCII percent-encoded.
  ["/people/./users", "/people/users"],
  ["/settings/../people/users", "/people/users"],
  ["/people/users?q=Zoë", "/people/users?q=Zo%C3%AB"],
  // Encoded slashes are not separators: this stays a (missing) page of this app, never another host.
  ["/people/..%2f..%2f/evil.example", "/people/..%2f..%2f/evil.example"],
];

describe("safeCallbackPath", () => {
  it.each(BYPASSES.map((candidate) => [JSON.stringify(candidate).slice(0, 60), candidate]))("sends %s home", (_name, candidate) => {
    expect(safeCallbackPath(candidate)).toBe("/");
    expect(callbackPathSchema.parse(candidate)).toBe("/");
  });

  it.each(KEPT)("keeps the app's own page %s as %s", (candidate, expected) => {
    expect(safeCallbackPath(candidate)).toBe(expected);
    expect(callbackPathSchema.parse(candidate)).toBe(expected);
  });

  it("is home when a form sends none", () => {
    expect(z.object({ callbackUrl: callbackPathSchema }).parse({})).toEqual({ callbackUrl: "/" });
  });

  it("refuses what isn't a string", () => {
    for (const candidate of [undefined, null, 42, ["/people"], { href: "/people" }]) expect(safeCallbackPath(candidate)).toBe("/");
  });

  it("always returns a same-origin path of ASCII characters that a browser resolves to itself", () => {
    for (const candidate of [...BYPASSES, ...KEPT.map(([c]) => c)]) {
      const result = safeCallbackPath(candidate);
      expect(result).toMatch(/^\/(?![/\\])[\x21-\x7e]*$|^\/$/);
      const resolved = new URL(result, "https://admin.example");
      expect(resolved.origin).toBe("https://admin.example");
      expect(resolved.pathname + resolved.search + resolved.hash).toBe(result);
    }
  });

  it("knows every top-level page of the app, and only those", () => {
    const app = path.resolve(import.meta.dirname, "../../app");
    const dirs = (dir: string) => fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    // The signed-in area (a route group) and the public pages one may come back to; not the sign-in
    // page and the password reset pages (for someone who can't sign in), the API and SCIM, the route that
    // clears an ended session's cookie on the way to sign-in, or the first-run page (a 404 once an
    // account, and so anyone to sign in, exists), or single sign-on's ways back from the provider.
    const notAfterSignIn = ["api", "scim", "sign-in", "session-ended", "forgot-password", "reset-password", "setup", "sso"];
    const routes = [...dirs(path.join(app, "(app)")), ...dirs(app).filter((d) => !d.startsWith("(") && !notAfterSignIn.includes(d))];
    expect([...APP_SECTIONS].sort()).toEqual(["", ...routes].sort());
  });
});

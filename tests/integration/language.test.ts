import { beforeEach, describe, expect, it, vi } from "vitest";
import { signInAs } from "../support/session";
import { createTestAccount } from "../support/accounts";
import { getDb } from "@/lib/db/client";

// Framework plumbing only: there is no HTTP request in an integration test.
const cookieJar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (cookieJar.has(name) ? { value: cookieJar.get(name) } : undefined), set: (name: string, value: string) => cookieJar.set(name, value) }),
  headers: async () => new Headers(),
}));

const { updateMyLanguageAction } = await import("@/app/(app)/actions");
const { setLocaleCookieAction } = await import("@/app/sign-in/actions");

let acme: Awaited<ReturnType<typeof createTestAccount>>;
beforeEach(async () => {
  acme = await createTestAccount();
  cookieJar.clear();
  signInAs(null);
});

const localeOf = async (id: string) => (await getDb().user.findUniqueOrThrow({ where: { id } })).locale;

describe("updateMyLanguageAction", () => {
  it("changes only the caller's own language, remembers it in a cookie and audits it", async () => {
    signInAs(acme.users.MEMBER);
    expect(await updateMyLanguageAction(undefined, { locale: "fr" })).toEqual({ ok: true, data: { locale: "fr" } });
    expect(await localeOf(acme.users.MEMBER.id)).toBe("fr");
    expect(await localeOf(acme.users.ADMIN.id)).toBe("en");
    expect(cookieJar.get("NEXT_LOCALE")).toBe("fr");
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { accountId: acme.account.id, action: "profile.language.update" } });
    expect(event).toMatchObject({ actorId: acme.users.MEMBER.id, targetId: acme.users.MEMBER.id, before: { locale: "en" }, after: { locale: "fr" } });
  });

  it("cannot be pointed at another user by adding an id", async () => {
    signInAs(acme.users.MEMBER);
    await updateMyLanguageAction(undefined, { locale: "de", userId: acme.users.ADMIN.id });
    expect(await localeOf(acme.users.ADMIN.id)).toBe("en");
  });

  it("refuses a signed-out caller", async () => {
    expect(await updateMyLanguageAction(undefined, { locale: "fr" })).toMatchObject({ ok: false, formError: expect.any(String) });
    expect(await getDb().auditEvent.count({ where: { accountId: acme.account.id } })).toBe(0);
    expect(cookieJar.size).toBe(0);
  });

  it("refuses a language that isn't one of the seven, with a field error", async () => {
    signInAs(acme.users.MEMBER);
    const result = await updateMyLanguageAction(undefined, { locale: "xx" });
    expect(result).toEqual({ ok: false, fieldErrors: { locale: ["This value isn't valid."] } });
    expect(await localeOf(acme.users.MEMBER.id)).toBe("en");
  });
});

describe("setLocaleCookieAction (sign-in page)", () => {
  it("sets the cookie without touching the database", async () => {
    const eventsBefore = await getDb().auditEvent.count();
    expect(await setLocaleCookieAction(undefined, { locale: "nl" })).toEqual({ ok: true, data: { locale: "nl" } });
    expect(cookieJar.get("NEXT_LOCALE")).toBe("nl");
    expect(await getDb().auditEvent.count()).toBe(eventsBefore);
  });

  it("refuses a value that isn't a locale", async () => {
    expect((await setLocaleCookieAction(undefined, { locale: "../../etc" })).ok).toBe(false);
    expect(cookieJar.has("NEXT_LOCALE")).toBe(false);
  });
});

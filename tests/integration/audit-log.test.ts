import Papa from "papaparse";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it } from "vitest";
import "../support/sign-in"; // the request's cookies and headers (requireUser looks for a session cookie)
import { signInAs } from "../support/session";
import { createTestAccount, twoTestAccounts, type TestAccount } from "../support/accounts";
import AuditEventPage from "@/app/(app)/settings/audit-log/[id]/page";
import { GET } from "@/app/(app)/settings/audit-log/export/route";
import { describeAuditPage } from "@/lib/audit/names";
import { auditFilters, auditListHref, parseAuditListParams } from "@/lib/audit/list-params";
import { AUDIT_PAGE_SIZE, auditFilterOptions, auditWhere, findAuditEvent, listAuditEvents, parseAuditCursor } from "@/lib/audit/queries";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import { createTestToken } from "../support/api-tokens";
import { userKeys } from "@/lib/users/search-key";

describe("listAuditEvents", () => {
  it("pages one account's events newest first by keyset, ties on time included, never another account's", async () => {
    const acme = await createTestAccount("Acme");
    const other = await createTestAccount("Other");
    const sameInstant = new Date("2026-01-01T00:00:00Z");
    await getDb().auditEvent.createMany({
      data: Array.from({ length: AUDIT_PAGE_SIZE + 7 }, (_, i) => ({
        accountId: acme.account.id,
        action: `test.${i}`,
        createdAt: i < 20 ? sameInstant : new Date(sameInstant.getTime() + i * 1000),
      })),
    });
    await getDb().auditEvent.create({ data: { accountId: other.account.id, action: "other.secret" } });

    const first = await listAuditEvents(getDb(), acme.account.id);
    expect(first.events).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.nextCursor).toBeDefined();
    const second = await listAuditEvents(getDb(), acme.account.id, parseAuditCursor(first.nextCursor));
    expect(second.events).toHaveLength(7);
    expect(second.nextCursor).toBeUndefined();

    const seen = [...first.events, ...second.events].map((e) => e.action);
    expect(new Set(seen).size).toBe(AUDIT_PAGE_SIZE + 7);
    expect(seen).not.toContain("other.secret");
    const times = [...first.events, ...second.events].map((e) => e.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("treats a malformed cursor from the URL as the first page", () => {
    expect(parseAuditCursor("'; DROP TABLE users; --")).toBeUndefined();
    expect(parseAuditCursor("not-a-date_00000000-0000-0000-0000-000000000000")).toBeUndefined();
    expect(parseAuditCursor(["a", "b"])).toBeUndefined();
    expect(parseAuditCursor(`2026-01-01T00:00:00.000Z_${"-".repeat(36)}`)).toBeUndefined(); // shaped like a uuid, isn't one
  });
});

// What follows runs the page's and the export's pipeline: URL params → filters → where → rows.

describe("audit log filters and export", () => {
  let acme: TestAccount;
  let other: TestAccount;
  const groupId = "6f1c1a52-0c55-4f7e-9d0b-3a0c2f6d8e11";
  const importId = "0b6e0a4e-5f7d-4a53-b1a2-7c9d8e3f4a21";

  // Paris is UTC+1 in March before the 29th: the days below start at 23:00 UTC the evening before.
  beforeEach(async () => {
    ({ acme, other } = await twoTestAccounts());
    await getDb().user.update({ where: { id: acme.users.ADMIN.id }, data: { timeZone: "Europe/Paris" } });
    const { ADMIN, ACCOUNT_HOLDER, MEMBER } = acme.users;
    const renamed = { firstName: "@Zoë", lastName: MEMBER.lastName, email: MEMBER.email };
    await getDb().user.update({ where: { id: MEMBER.id }, data: { firstName: renamed.firstName, ...userKeys(renamed) } });
    await getDb().auditEvent.createMany({
      data: [
        { action: "user.role.change", actorId: ADMIN.id, targetType: "user", targetId: MEMBER.id, createdAt: new Date("2026-03-09T22:59:59.999Z"), before: { role: "MEMBER" }, after: { role: "ADMIN" } },
        { action: "group.create", actorId: ADMIN.id, targetType: "group", targetId: groupId, createdAt: new Date("2026-03-09T23:00:00Z"), after: { name: "Helpdesk" } },
        { action: "user.suspend", actorId: ACCOUNT_HOLDER.id, targetType: "user", targetId: MEMBER.id, createdAt: new Date("2026-03-10T22:59:59.999Z") },
        { action: "import.reflect", actorId: null, targetType: "import", targetId: importId, createdAt: new Date("2026-03-10T23:00:00Z"), after: { rows: 3 } },
        { action: "custom.thing", actorId: ADMIN.id, targetType: "widget", targetId: "=2+3", createdAt: new Date("2026-03-12T12:00:00Z"), after: -5 },
      ].map((e) => ({ ...e, accountId: acme.account.id })),
    });
    // Another account's event, about Acme's member and by the same kind of action: never shown to Acme.
    await getDb().auditEvent.create({
      data: { accountId: other.account.id, action: "user.role.change", actorId: other.users.ADMIN.id, targetType: "user", targetId: MEMBER.id, createdAt: new Date("2026-03-09T23:30:00Z") },
    });
    signInAs(acme.users.ADMIN);
  });

  async function shown(query: Record<string, string | string[] | undefined>, timeZone = "Europe/Paris") {
    const params = parseAuditListParams(query);
    const where = await auditWhere(getDb(), acme.account.id, auditFilters(params), timeZone);
    const { events } = await listAuditEvents(getDb(), acme.account.id, parseAuditCursor(params.after), { where });
    return events.map((e) => e.action);
  }

  async function exported(query = "", delimiter = ",") {
    const response = await GET(new NextRequest(`http://localhost/settings/audit-log/export${query}`));
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    return {
      status: response.status,
      headers: response.headers,
      bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf,
      rows: Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { delimiter, skipEmptyLines: true }).data,
    };
  }

  it("filters by actor, the system included", async () => {
    expect(await shown({ actor: acme.users.ADMIN.id })).toEqual(["custom.thing", "group.create", "user.role.change"]);
    expect(await shown({ actor: acme.users.ACCOUNT_HOLDER.id })).toEqual(["user.suspend"]);
    expect(await shown({ actor: "system" })).toEqual(["import.reflect"]);
    expect(await shown({ actor: other.users.ADMIN.id })).toEqual([]);
  });

  it("filters by action", async () => {
    expect(await shown({ action: "user.role.change" })).toEqual(["user.role.change"]);
    expect(await shown({ action: "custom.thing" })).toEqual(["custom.thing"]);
    expect(await shown({ action: "user.delete" })).toEqual([]);
  });

  it("filters by target: a user's name or email (accents and case aside), or the id recorded", async () => {
    expect(await shown({ target: acme.users.MEMBER.email.toUpperCase() })).toEqual(["user.suspend", "user.role.change"]);
    expect(await shown({ target: `ZOE ${acme.users.MEMBER.lastName}` })).toEqual(["user.suspend", "user.role.change"]);
    expect(await shown({ target: acme.users.MEMBER.id })).toEqual(["user.suspend", "user.role.change"]);
    expect(await shown({ target: groupId })).toEqual(["group.create"]);
    expect(await shown({ target: "=2+3" })).toEqual(["custom.thing"]);
    expect(await shown({ target: "100%_" })).toEqual([]); // LIKE wildcards are taken literally
    expect(await shown({ target: "\u0301" })).toEqual([]); // nothing left to search for once folded: no user matches
    expect(await shown({ target: other.users.MEMBER.email })).toEqual([]);
  });

  it("filters by days in the viewer's time zone, both days included, to the millisecond", async () => {
    expect(await shown({ from: "2026-03-10", to: "2026-03-10" })).toEqual(["user.suspend", "group.create"]);
    expect(await shown({ to: "2026-03-09" })).toEqual(["user.role.change"]);
    expect(await shown({ from: "2026-03-11" })).toEqual(["custom.thing", "import.reflect"]);
    // The same days in UTC cut an hour later.
    expect(await shown({ from: "2026-03-10", to: "2026-03-10" }, "UTC")).toEqual(["import.reflect", "user.suspend"]);
    // From after to: nothing, not an error.
    expect(await shown({ from: "2026-03-11", to: "2026-03-10" })).toEqual([]);
  });

  it("combines filters", async () => {
    const q = { actor: acme.users.ADMIN.id, target: acme.users.MEMBER.email, from: "2026-03-09", to: "2026-03-10" };
    expect(await shown(q)).toEqual(["user.role.change"]);
    expect(await shown({ ...q, action: "group.create" })).toEqual([]);
    expect(await shown({ actor: acme.users.ADMIN.id, from: "2026-03-10" })).toEqual(["custom.thing", "group.create"]);
  });

  it("treats malformed filters in the URL as no filter, never an error", async () => {
    const all = await shown({});
    expect(all).toHaveLength(5);
    expect(all).not.toContain("other.secret");
    for (const query of [
      { actor: "not-a-uuid" }, { actor: ["system", acme.users.ADMIN.id].join(",") }, { action: "'; DROP TABLE \"AuditEvent\"; --" },
      { target: "x".repeat(101) }, { target: "   " }, { target: "a\u0000b" }, { target: "\uD800" }, { from: "2026-02-30" }, { to: "yesterday" }, { from: "2026-3-1" }, { after: "garbage" },
    ]) {
      expect(await shown(query), JSON.stringify(query)).toEqual(all);
    }
    expect(await shown({ action: ["group.create", "user.suspend"] })).toEqual(["group.create"]); // a repeated param: the first
    const odd = await exported("?actor=nope&from=2026-13-01&to=%ZZ&action=%3D1%2B1");
    expect(odd.status).toBe(200);
    expect(odd.rows.slice(1)).toHaveLength(5);
  });

  it("pages through filtered events by keyset, the filters kept", async () => {
    await getDb().auditEvent.createMany({
      data: Array.from({ length: AUDIT_PAGE_SIZE + 3 }, (_, i) => ({
        accountId: acme.account.id, action: "licence.assign", actorId: acme.users.ADMIN.id, createdAt: new Date(Date.UTC(2026, 3, 1, 0, 0, i % 10)),
      })),
    });
    const where = await auditWhere(getDb(), acme.account.id, { action: "licence.assign" }, "Europe/Paris");
    const first = await listAuditEvents(getDb(), acme.account.id, undefined, { where });
    const second = await listAuditEvents(getDb(), acme.account.id, parseAuditCursor(first.nextCursor), { where });
    expect(first.events).toHaveLength(AUDIT_PAGE_SIZE);
    expect(second.events).toHaveLength(3);
    expect(second.nextCursor).toBeUndefined();
    expect(new Set([...first.events, ...second.events].map((e) => e.id)).size).toBe(AUDIT_PAGE_SIZE + 3);
    expect([...first.events, ...second.events].every((e) => e.action === "licence.assign")).toBe(true);
    expect(auditListHref({ action: "licence.assign", from: "2026-04-01", after: first.nextCursor })).toBe(
      `/settings/audit-log?action=licence.assign&from=2026-04-01&after=${encodeURIComponent(first.nextCursor!)}`,
    );
  });

  it("offers only the account's actors and actions as filter choices", async () => {
    const options = await auditFilterOptions(getDb(), acme.account.id);
    expect(options.actors.map((a) => a.id).sort()).toEqual([acme.users.ADMIN.id, acme.users.ACCOUNT_HOLDER.id].sort());
    expect(options.system).toBe(true);
    expect(options.actions).toEqual(["custom.thing", "group.create", "import.reflect", "user.role.change", "user.suspend"]);
  });

  it("exports every matching event: BOM, localized headers, viewer's time zone, JSON cells, formula-escaped, only this account's", async () => {
    const all = await exported();
    expect(all.status).toBe(200);
    expect(all.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(all.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(all.bom).toBe(true);
    const [header, ...rows] = all.rows;
    expect(header).toEqual(["Time", "Actor", "Actor email", "Action", "Action code", "Target type", "Target id", "Target user", "Before", "After", "API token"]);
    expect(rows.map((r) => r[4])).toEqual(["custom.thing", "import.reflect", "user.suspend", "group.create", "user.role.change"]);
    expect(rows.some((r) => r.includes(other.users.ADMIN.email))).toBe(false);
    const { ADMIN, MEMBER } = acme.users;
    expect(rows[4]).toEqual([
      "2026-03-09T23:59:59+01:00", `${ADMIN.firstName} ${ADMIN.lastName}`, ADMIN.email, "Role changed", "user.role.change",
      "user", MEMBER.id, `'@Zoë ${MEMBER.lastName} <${MEMBER.email}>`, '{"role":"MEMBER"}', '{"role":"ADMIN"}', "",
    ]);
    expect(rows[3][0]).toBe("2026-03-10T00:00:00+01:00");
    expect(rows[1].slice(1, 4)).toEqual(["System", "", "Import applied"]);
    // No label for it: the recorded name; and every formula-looking cell gets its apostrophe.
    expect(rows[0].slice(3, 7)).toEqual(["custom.thing", "custom.thing", "widget", "'=2+3"]);
    expect(rows[0][9]).toBe("'-5");

    const filtered = await exported(`?actor=${ADMIN.id}&from=2026-03-10&to=2026-03-12`);
    expect(filtered.rows.slice(1).map((r) => r[4])).toEqual(["custom.thing", "group.create"]);
    const foreign = await exported(`?actor=${other.users.ADMIN.id}`);
    expect(foreign.rows.slice(1)).toEqual([]);
  });

  it("exports in French with ';' and French headers and labels, in batches past the first thousands", async () => {
    await getDb().user.update({ where: { id: acme.users.ADMIN.id }, data: { locale: "fr" } });
    await getDb().auditEvent.createMany({
      data: Array.from({ length: 4_500 }, (_, i) => ({ accountId: acme.account.id, action: "licence.remove", createdAt: new Date(Date.UTC(2026, 4, 1, 0, 0, i % 60)) })),
    });
    const { rows } = await exported("", ";");
    expect(rows[0].slice(0, 4)).toEqual(["Date et heure", "Auteur", "E-mail de l'auteur", "Action"]);
    expect(rows.slice(1)).toHaveLength(4_505);
    expect(rows.filter((r) => r[3] === "Produit retiré")).toHaveLength(4_500);
    expect(rows.find((r) => r[4] === "user.role.change")?.[0]).toBe("2026-03-09T23:59:59+01:00");
  });

  it("is refused signed out, to members and to support staff; admins and the account holder may read it", async () => {
    signInAs(null);
    expect((await exported()).status).toBe(404);
    await expect(requirePermission("audit.read")).rejects.toThrow("NEXT_REDIRECT");
    for (const role of ["MEMBER", "SUPPORT_STAFF"] as const) {
      signInAs(acme.users[role]);
      expect((await exported()).status, role).toBe(404);
      await expect(requirePermission("audit.read"), role).rejects.toThrow("NEXT_HTTP_ERROR_FALLBACK;404");
    }
    for (const role of ["ADMIN", "ACCOUNT_HOLDER"] as const) {
      signInAs(acme.users[role]);
      const { status, rows } = await exported();
      expect(status, role).toBe(200);
      expect(rows.slice(1), role).toHaveLength(5);
      expect((await requirePermission("audit.read")).id).toBe(acme.users[role].id);
    }
  });
});

describe("an event's own page and the names its sentence uses", () => {
  it("opens only the account's own events: another account's id, a made-up one or a non-id is a 404, as for support staff", async () => {
    const { acme, other } = await twoTestAccounts();
    const mine = await getDb().auditEvent.create({ data: { accountId: acme.account.id, action: "user.suspend", actorId: acme.users.ADMIN.id, targetType: "user", targetId: acme.users.MEMBER.id } });
    const theirs = await getDb().auditEvent.create({ data: { accountId: other.account.id, action: "user.suspend", actorId: other.users.ADMIN.id, targetType: "user", targetId: other.users.MEMBER.id } });
    expect((await findAuditEvent(getDb(), acme.account.id, mine.id))?.id).toBe(mine.id);
    expect(await findAuditEvent(getDb(), acme.account.id, theirs.id)).toBeNull();
    expect(await findAuditEvent(getDb(), acme.account.id, "not-an-id")).toBeNull();

    const open = (id: string) => AuditEventPage({ params: Promise.resolve({ id }) });
    signInAs(acme.users.ADMIN);
    for (const id of [theirs.id, "00000000-0000-4000-8000-000000000000", "'; --"]) {
      await expect(open(id), id).rejects.toThrow("NEXT_HTTP_ERROR_FALLBACK;404");
    }
    signInAs(acme.users.SUPPORT_STAFF);
    await expect(open(mine.id)).rejects.toThrow("NEXT_HTTP_ERROR_FALLBACK;404");
  });

  it("names current users, groups and products by their current names, and a deleted user by the email stored when they were deleted", async () => {
    const { acme } = await twoTestAccounts();
    const { ADMIN, MEMBER } = acme.users;
    const group = await getDb().userGroup.findFirstOrThrow({ where: { accountId: acme.account.id } });
    const goneId = "5d0f6a8e-1b2c-4d3e-8f9a-0b1c2d3e4f5a";
    const at = (s: number) => new Date(Date.UTC(2026, 2, 9, 10, 0, s));
    await getDb().auditEvent.createMany({
      data: [
        { action: "licence.assign", actorId: ADMIN.id, targetType: "user", targetId: MEMBER.id, before: { "remote-support": false }, after: { "remote-support": true }, createdAt: at(1) },
        { action: "user.group.change", actorId: ADMIN.id, targetType: "user", targetId: MEMBER.id, before: { groupId: null }, after: { groupId: group.id }, createdAt: at(2) },
        { action: "user.delete", actorId: ADMIN.id, targetType: "user", targetId: goneId, before: { email: "gone@test.example", role: "MEMBER" }, createdAt: at(3) },
        { action: "user.suspend", actorId: ADMIN.id, targetType: "user", targetId: goneId, createdAt: at(0) },
        { action: "auth.signIn", actorId: MEMBER.id, targetType: "user", targetId: MEMBER.id, after: { ip: "198.51.100.4" }, createdAt: at(4) },
      ].map((e) => ({ ...e, accountId: acme.account.id })),
    });
    await getDb().userGroup.update({ where: { id: group.id }, data: { name: "Support desk" } });
    const { events } = await listAuditEvents(getDb(), acme.account.id, undefined, { where: { createdAt: { gte: at(0), lte: at(4) } } });
    const described = await describeAuditPage(getDb(), acme.account.id, events, { locale: "en", timeZone: "UTC" });
    const member = `MEMBER ${MEMBER.lastName}`;
    const admin = `ADMIN ${ADMIN.lastName}`;
    expect(described.map((e) => e.sentence)).toEqual([
      `${member} signed in`,
      `${admin} deleted gone@test.example`,
      `${admin} moved ${member} to the group Support desk`,
      `${admin} assigned Remote Support to ${member}`,
      `${admin} suspended gone@test.example`,
    ]);
    expect(described[0].clientAddress).toBe("198.51.100.4");
    expect(described[2].changes).toEqual([{ field: "User group", before: "No group", after: "Support desk" }]);
    expect(described[3].changes).toEqual([{ field: "Remote Support", before: "Not assigned", after: "Assigned" }]);
  });

  it("names the API token a change was made with, and its creator, on the list and an event's own page; the token's own events by its name", async () => {
    const { acme } = await twoTestAccounts();
    const { ADMIN, MEMBER } = acme.users;
    const token = await createTestToken(acme, { creator: "ADMIN", name: "Deploy" });
    const at = (s: number) => new Date(Date.UTC(2026, 2, 9, 11, 0, s));
    await getDb().auditEvent.createMany({
      data: [
        { action: "apiToken.create", actorId: ADMIN.id, targetType: "apiToken", targetId: token.id, after: { name: "Deploy", roleCeiling: "ADMIN", scopes: [], expiresAt: null }, createdAt: at(0) },
        { action: "user.suspend", actorId: ADMIN.id, actorTokenId: token.id, targetType: "user", targetId: MEMBER.id, before: { status: "ACTIVE" }, after: { status: "SUSPENDED" }, createdAt: at(1) },
        { action: "apiToken.revoke", actorId: ADMIN.id, targetType: "apiToken", targetId: token.id, after: { name: "Deploy" }, createdAt: at(2) },
      ].map((e) => ({ ...e, accountId: acme.account.id })),
    });
    const { events } = await listAuditEvents(getDb(), acme.account.id, undefined, { where: { createdAt: { gte: at(0), lte: at(2) } } });
    const described = await describeAuditPage(getDb(), acme.account.id, events, { locale: "en", timeZone: "UTC" });
    const admin = `ADMIN ${ADMIN.lastName}`;
    const viaToken = `API token “Deploy” (created by ${admin})`;
    expect(described.map((e) => [e.actorName, e.sentence])).toEqual([
      [admin, `${admin} revoked the API token Deploy`],
      [viaToken, `${viaToken} suspended MEMBER ${MEMBER.lastName}`],
      [admin, `${admin} created the API token Deploy`],
    ]);
    expect(described[2].changes).toContainEqual({ field: "Role ceiling", after: "Admin" });

    // The event's own page reads it the same way.
    const one = await findAuditEvent(getDb(), acme.account.id, events[1].id);
    expect((await describeAuditPage(getDb(), acme.account.id, [one!], { locale: "en", timeZone: "UTC" }))[0].actorName).toBe(viaToken);
  });
});

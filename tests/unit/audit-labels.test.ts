import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDayInput, dayPattern, formatDayInput } from "@/lib/audit/date-input";
import { describeAuditEvents, emptyAuditNames, type AuditEventRow, type AuditNames } from "@/lib/audit/describe";
import { AUDIT_ACTIONS, auditMessageKey } from "@/lib/audit/events";
import { actionLabel } from "@/lib/audit/labels";
import { MESSAGES } from "@/lib/i18n/catalogues";
import { LOCALES } from "@/lib/i18n/locales";

const ROOT = path.resolve(__dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" ? [] : sources(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Every action code the app passes to the audit recorder (`action: "…"`, and auditSignIn's "auth.…" argument). */
function recordedActions(): Set<string> {
  const found = new Set<string>();
  for (const file of [...sources(path.join(ROOT, "lib")), ...sources(path.join(ROOT, "app"))]) {
    if (file.includes(`${path.sep}lib${path.sep}audit${path.sep}`)) continue;
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/action:\s*"([a-zA-Z]+(?:\.[a-zA-Z]+)+)"/g)) found.add(m[1]);
    for (const m of text.matchAll(/auditSignIn\([^)]*?"(auth\.[a-zA-Z]+)"/g)) found.add(m[1]);
  }
  return found;
}

const at = new Date("2026-03-09T10:00:00Z");
const HOLDER = { firstName: "Alex", lastName: "Holder", email: "holder@acme.example" };
const JURGEN_ID = "11111111-1111-4111-8111-111111111111";
const GROUP_ID = "22222222-2222-4222-8222-222222222222";
const GONE_ID = "33333333-3333-4333-8333-333333333333";
const names = (): AuditNames => ({
  ...emptyAuditNames(),
  users: new Map([[JURGEN_ID, { firstName: "Jürgen", lastName: "Weiß", email: "juergen@acme.example" }]]),
  goneUsers: new Map([[GONE_ID, "gone@acme.example"]]),
  groups: new Map([[GROUP_ID, "Helpdesk"]]),
  products: new Map([["remote-support", "Remote Support"]]),
});
const event = (over: Partial<AuditEventRow>): AuditEventRow => ({
  id: "e1", action: "user.suspend", actorId: "a1", actor: HOLDER, targetType: "user", targetId: JURGEN_ID, createdAt: at, before: null, after: null, ...over,
});
const describeOne = (e: AuditEventRow, locale: (typeof LOCALES)[number] = "en") => describeAuditEvents([e], names(), { locale, timeZone: "Europe/Berlin" })[0];

describe("the list of audit actions", () => {
  it("holds every action the code records, and nothing else", () => {
    const recorded = recordedActions();
    expect([...recorded].filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual([]);
    // profile.update is recorded by the My profile form; every other listed action is found in the code.
    expect(AUDIT_ACTIONS.filter((a) => !recorded.has(a) && a !== "profile.update")).toEqual([]);
  });

  it.each(LOCALES)("has a sentence and a label for every action in %s", (locale) => {
    const { sentences, actions } = MESSAGES[locale].audit as unknown as { sentences: Record<string, string>; actions: Record<string, string> };
    for (const action of AUDIT_ACTIONS) {
      expect(sentences[auditMessageKey(action)], `${locale} audit.sentences.${auditMessageKey(action)}`).toBeTruthy();
      expect(actions[auditMessageKey(action)], `${locale} audit.actions.${auditMessageKey(action)}`).toBeTruthy();
      expect(actionLabel(locale, action)).not.toBe(action);
    }
  });

  it.each(LOCALES)("reads every action as a whole sentence in %s, names filled in, no code or JSON", (locale) => {
    for (const action of AUDIT_ACTIONS) {
      const { sentence } = describeOne(event({ action, after: { name: "Acme", accountName: "Other Co" } }), locale);
      expect(sentence, action).not.toMatch(/[{}]/);
      expect(sentence, action).not.toContain(action);
      expect(sentence.length, action).toBeGreaterThan(5);
    }
  });
});

describe("an audit event as a sentence with readable changes", () => {
  const capability = event({ action: "capabilities.update", before: { unattendedAccess: true, fileManagement: true, remoteControl: false }, after: { unattendedAccess: true, fileManagement: true, remoteControl: true } });

  it("names the one capability turned on, in English and German", () => {
    expect(describeOne(capability).sentence).toBe("Alex Holder turned on Remote control for Jürgen Weiß");
    expect(describeOne(capability).changes).toEqual([{ field: "Remote control", before: "Off", after: "On" }]);
    expect(describeOne(capability, "de").sentence).toBe("Alex Holder hat Remote control für Jürgen Weiß eingeschaltet".replace("Remote control", MESSAGES.de.capabilities.remoteControl));
  });

  it("says capabilities changed when several did", () => {
    const several = event({ action: "capabilities.update", before: { fileManagement: true, remoteControl: true }, after: { fileManagement: false, remoteControl: false } });
    expect(describeOne(several).sentence).toBe("Alex Holder changed the capabilities of Jürgen Weiß");
    expect(describeOne(several).changes).toHaveLength(2);
  });

  it("names the product of a licence change", () => {
    const assign = describeOne(event({ action: "licence.assign", before: { "remote-support": false }, after: { "remote-support": true } }));
    expect(assign.sentence).toBe("Alex Holder assigned Remote Support to Jürgen Weiß");
    expect(assign.changes).toEqual([{ field: "Remote Support", before: "Not assigned", after: "Assigned" }]);
    expect(describeOne(event({ action: "licence.assign", before: { "remote-support": false }, after: { "remote-support": true } }), "de").sentence)
      .toBe("Alex Holder hat Jürgen Weiß Remote Support zugewiesen");
  });

  it("shows roles, statuses, groups and languages by their labels", () => {
    const role = describeOne(event({ action: "user.role.change", before: { role: "MEMBER" }, after: { role: "ADMIN" } }), "fr");
    expect(role.sentence).toBe(`Alex Holder a changé le rôle de Jürgen Weiß en ${MESSAGES.fr.roles.ADMIN}`);
    expect(role.changes).toEqual([{ field: MESSAGES.fr.audit.fields.role, before: MESSAGES.fr.roles.MEMBER, after: MESSAGES.fr.roles.ADMIN }]);
    const group = describeOne(event({ action: "user.group.change", before: { groupId: null }, after: { groupId: GROUP_ID } }));
    expect(group.sentence).toBe("Alex Holder moved Jürgen Weiß to the group Helpdesk");
    expect(group.changes).toEqual([{ field: "User group", before: "No group", after: "Helpdesk" }]);
    const profile = describeOne(event({ action: "user.profile.update", before: { locale: "en", timeZone: "UTC" }, after: { locale: "de", timeZone: "Europe/Berlin" } }));
    expect(profile.changes).toEqual([{ field: "Language", before: "English", after: "Deutsch" }, { field: "Time zone", before: "UTC", after: "Europe/Berlin" }]);
    const suspend = describeOne(event({ action: "user.suspend", before: { status: "ACTIVE" }, after: { status: "SUSPENDED" } }), "de");
    expect(suspend.changes).toEqual([{ field: "Status", before: MESSAGES.de.status.ACTIVE, after: MESSAGES.de.status.SUSPENDED }]);
  });

  it("reads a bulk job's start and summary (lib/users/bulk-job.ts) with its counts, operation and outcome", () => {
    const job = { targetType: "bulkJob", targetId: "44444444-4444-4444-8444-444444444444" };
    const start = describeOne(event({ ...job, action: "user.bulk.start", after: { operation: "changeRole", total: 1000000, filters: { role: "MEMBER" }, role: "ADMIN" } }));
    expect(start.sentence).toBe("Alex Holder started a bulk action, Change role, on 1,000,000 matching users");
    const summary = describeOne(event({ ...job, action: "user.bulk.role.change", after: { role: "ADMIN", total: 1200, processed: 1200, changed: 1, outcome: "CANCELLED" } }), "de");
    expect(summary.sentence).toBe(`Sammelaktion: Alex Holder hat die Kontorolle von 1 Benutzer in ${MESSAGES.de.roles.ADMIN} geändert`);
    expect(summary.changes).toContainEqual({ field: "Ergebnis", before: undefined, after: "Abgebrochen" });
    const moved = describeOne(event({ ...job, action: "user.bulk.group.change", after: { groupId: null, changed: 3 } }));
    expect(moved.sentence).toBe("Bulk action: Alex Holder removed 3 users from their group");
  });

  it("calls a deleted user by their stored email, or a deleted user, and an event nobody caused the system's", () => {
    expect(describeOne(event({ action: "user.delete", targetId: GONE_ID, before: { email: "gone@acme.example", status: "ACTIVE", licences: 2 } })).sentence)
      .toBe("Alex Holder deleted gone@acme.example");
    expect(describeOne(event({ targetId: "44444444-4444-4444-8444-444444444444" })).sentence).toBe("Alex Holder suspended a deleted user");
    expect(describeOne(event({ action: "import.reflect", actor: null, actorId: null, targetType: "import", targetId: "x", after: { fileName: "staff.csv", rows: 3, applied: 3 } }), "de").sentence)
      .toBe("Der Import staff.csv wurde übernommen");
  });

  it("reads an API token's creation and revocation with its ceiling and scopes by their labels", () => {
    const token = { targetType: "apiToken", targetId: "55555555-5555-4555-8555-555555555555" };
    const created = describeOne(event({ ...token, action: "apiToken.create", after: { name: "Deploy", roleCeiling: "ADMIN", scopes: ["USERS", "READ_ONLY"], expiresAt: null } }));
    expect(created.sentence).toBe("Alex Holder created the API token Deploy");
    expect(created.targetName).toBeUndefined();
    expect(created.changes).toEqual([
      { field: "Name", after: "Deploy" },
      { field: "Role ceiling", after: "Admin" },
      { field: "Scopes", after: "Users and Read only" },
      { field: "Expires", after: "None" },
    ]);
    expect(describeOne(event({ ...token, action: "apiToken.create", after: { name: "All", roleCeiling: "MEMBER", scopes: [] } })).changes)
      .toContainEqual({ field: "Scopes", after: "All within the ceiling" });
    expect(describeOne(event({ ...token, action: "apiToken.revoke", after: { name: "Deploy" } }), "de").sentence)
      .toBe("Alex Holder hat das API-Token Deploy widerrufen");
  });

  it("names the token a change was made with, and the person it acts for", () => {
    const described = describeOne(event({ action: "user.suspend", actorToken: { name: "Deploy" } }));
    expect(described.actorName).toBe("API token “Deploy” (created by Alex Holder)");
    expect(described.sentence).toBe("API token “Deploy” (created by Alex Holder) suspended Jürgen Weiß");
    expect(describeOne(event({ action: "user.suspend", actor: null, actorId: null, actorToken: { name: "Deploy" } }), "fr").actorName)
      .toBe(`Jeton d’API « Deploy » (créé par ${MESSAGES.fr.audit.deletedUser})`);
  });

  it("isolates a name with right-to-left controls in the sentence and the changes (decision 0014)", () => {
    const evil = { firstName: "Eve\u202Egnp.exe", lastName: "", email: "eve@acme.example" };
    const described = describeOne(event({ action: "user.profile.update", actor: evil, before: { firstName: "Eve\u202Egnp.exe" }, after: { firstName: "Eve" } }));
    expect(described.sentence).toBe("\u2068Eve\u202Egnp.exe\u2069 updated the profile of Jürgen Weiß");
    expect(described.changes).toEqual([{ field: "First name", before: "\u2068Eve\u202Egnp.exe\u2069", after: "Eve" }]);
  });

  it("keeps the client address apart and formats dates, numbers and booleans in the viewer's language and zone", () => {
    const signIn = describeOne(event({ action: "auth.signIn", after: { ip: "203.0.113.7" } }));
    expect(signIn.clientAddress).toBe("203.0.113.7");
    expect(signIn.changes).toEqual([]);
    const resend = describeOne(event({ action: "invitation.resend", after: { expiresAt: "2026-03-16T10:00:00.000Z" } }), "de");
    expect(resend.changes).toEqual([{ field: MESSAGES.de.audit.fields.expiresAt, after: "16.03.2026, 11:00" }]);
    const reset = describeOne(event({ action: "users.resetTwoStep", before: { twoStepEnabled: true, passkeys: 1200 }, after: { twoStepEnabled: false, passkeys: 0 } }));
    expect(reset.changes).toEqual([{ field: "Two-step verification", before: "Yes", after: "No" }, { field: "Passkeys", before: "1,200", after: "0" }]);
    for (const change of [...reset.changes, ...resend.changes]) for (const text of Object.values(change)) expect(text ?? "").not.toMatch(/[{}"[\]]/);
  });
});

describe("audit date filters in the viewer's format", () => {
  it("shows the language's pattern and days", () => {
    const letters = (l: (typeof LOCALES)[number]) => MESSAGES[l].audit.dateLetters;
    expect(dayPattern("de", letters("de"))).toBe("TT.MM.JJJJ");
    expect(dayPattern("en", letters("en"))).toBe("mm/dd/yyyy");
    expect(dayPattern("fr", letters("fr"))).toBe("jj/mm/aaaa");
    expect(dayPattern("nl", letters("nl"))).toBe("dd-mm-jjjj");
    expect(formatDayInput("2026-03-09", "de")).toBe("09.03.2026");
    expect(formatDayInput("2026-03-09", "en")).toBe("03/09/2026");
  });

  it("reads a typed day in the language's order, or an ISO day, and nothing that is no real day", () => {
    expect(parseDayInput("09.03.2026", "de")).toBe("2026-03-09");
    expect(parseDayInput(" 9.3.2026 ", "de")).toBe("2026-03-09");
    expect(parseDayInput("03/09/2026", "en")).toBe("2026-03-09");
    expect(parseDayInput("09/03/2026", "fr")).toBe("2026-03-09");
    expect(parseDayInput("2026-03-09", "de")).toBe("2026-03-09");
    for (const bad of ["31.02.2026", "09.03.26", "tomorrow", "1.2.3.4", "", "99.99.9999"]) expect(parseDayInput(bad, "de"), bad).toBeNull();
  });
});

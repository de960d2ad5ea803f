import crypto from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "../support/session";
import { followed } from "../support/redirects";
import { idForm, importForm, uploadedImportId } from "../support/imports";
import { twoTestAccounts, type TestAccount } from "../support/accounts";
import { cancelImportAction, commitImportAction, uploadImportAction } from "@/app/(app)/people/users/imports/actions";
import { getDb } from "@/lib/db/client";
import { findImport, listImports } from "@/lib/imports/batches";
import { describeRow } from "@/lib/imports/problems";
import { translator } from "@/lib/i18n/messages";
import { reflectImport } from "@/lib/imports/reflect";

let acme: TestAccount;
let other: TestAccount;

beforeEach(async () => {
  ({ acme, other } = await twoTestAccounts());
  signInAs(acme.users.ADMIN);
  process.env.IMPORT_REFLECTION_DELAY = "0s";
});

const tag = () => crypto.randomBytes(3).toString("hex");
const settings = { timeZone: "Europe/Paris", groupId: "none", locale: "en", role: "MEMBER" };

async function upload(csv: string, extra: Record<string, string | string[]> = {}) {
  const id = uploadedImportId(await followed(uploadImportAction(undefined, importForm(csv, { ...settings, ...extra }))));
  return { id, rows: () => getDb().importRow.findMany({ where: { batchId: id }, orderBy: { rowNumber: "asc" } }) };
}

async function accountCounts(accountId: string) {
  const db = getDb();
  const [users, batches, emails] = await Promise.all([
    db.user.count({ where: { accountId } }), db.importBatch.count({ where: { accountId } }), db.outboxEmail.count({ where: { accountId } }),
  ]);
  return { users, batches, emails };
}

describe("CSV import", () => {
  it("reports every row before anything is imported, then reflects the valid rows once", async () => {
    const t = tag();
    const csv = [
      "Prénom;E-mail;Langue;Groupe d'utilisateurs;Notes",
      `Zoé;zoe-${t}@import.example;fr;Helpdesk;a note`,
      `;not-an-email;xx;;`,
      `Zoé again;ZOE-${t}@import.example;;;`,
      `Milo;${acme.users.MEMBER.email};;;`,
      `Mover;${other.users.MEMBER.email};;;`,
      `Grace;grace-${t}@import.example;;Nowhere;`,
    ].join("\r\n");
    const draft = await upload(csv, { products: "remote-support" });
    const batch = await getDb().importBatch.findUniqueOrThrow({ where: { id: draft.id } });
    expect(batch).toMatchObject({ status: "DRAFT", fileName: "users.csv", rowCount: 6, ignoredColumns: ["Notes"] });
    expect((await draft.rows()).map((r) => [r.rowNumber, r.check, r.status, r.problems])).toEqual([
      [1, "valid", "PENDING", null],
      [2, "error", "INVALID", [{ column: "firstName", code: "required" }, { column: "email", code: "invalidEmail" }, { column: "language", code: "unknownLanguage" }]],
      [3, "duplicate", "INVALID", [{ column: "email", code: "duplicate", firstRow: 1 }]],
      [4, "alreadyInAccount", "INVALID", null],
      [5, "valid", "PENDING", null], // a user of another account: the report can't tell it from a new address
      [6, "error", "INVALID", [{ column: "group", code: "unknownGroup" }]],
    ]);
    // Nothing is in the account yet.
    expect(await getDb().user.count({ where: { email: `zoe-${t}@import.example` } })).toBe(0);

    const committed = await followed(commitImportAction(undefined, idForm(draft.id)));
    expect(committed).toEqual({ redirectedTo: `/people/users/imports/${draft.id}?done=confirmed` });
    const scheduled = await getDb().importBatch.findUniqueOrThrow({ where: { id: draft.id } });
    expect(scheduled.status).toBe("SCHEDULED");
    const job = await getDb().$queryRaw<{ state: string; start_after: Date }[]>`
      SELECT state::text, start_after FROM pgboss.job WHERE name = 'reflect-import' AND data->>'batchId' = ${draft.id}`;
    expect(job).toHaveLength(1);

    await reflectImport(getDb(), draft.id);
    await reflectImport(getDb(), draft.id); // a second run (a duplicate job) finds nothing left to do
    const zoe = await getDb().user.findUniqueOrThrow({ where: { email: `zoe-${t}@import.example` }, include: { group: true, assignments: true } });
    expect(zoe).toMatchObject({ accountId: acme.account.id, firstName: "Zoé", locale: "fr", timeZone: "Europe/Paris", status: "INVITED" });
    expect(zoe.group?.name).toBe("Helpdesk");
    expect(zoe.assignments).toHaveLength(1);
    expect(await getDb().outboxEmail.findMany({ where: { accountId: acme.account.id }, select: { recipient: true, kind: true, locale: true }, orderBy: { recipient: "asc" } }))
      .toEqual([
        { recipient: other.users.MEMBER.email, kind: "transferInvitation", locale: "en" },
        { recipient: `zoe-${t}@import.example`, kind: "welcome", locale: "fr" },
      ].sort((a, b) => a.recipient.localeCompare(b.recipient)));
    const done = await getDb().importBatch.findUniqueOrThrow({ where: { id: draft.id } });
    expect(done.status).toBe("DONE");
    expect((await draft.rows()).filter((r) => r.status !== "INVALID").map((r) => [r.rowNumber, r.status, r.outcome])).toEqual([[1, "DONE", "created"], [5, "DONE", "transferInvited"]]);
  });

  it("finds a row's group by its name, case aside, and accents aside only when that names one group", async () => {
    const t = tag();
    const [accented, plain] = await Promise.all(["Équipe", "Equipe"].map((name) => getDb().userGroup.create({ data: { accountId: acme.account.id, name } })));
    const helpdesk = await getDb().userGroup.findFirstOrThrow({ where: { accountId: acme.account.id, name: "Helpdesk" } });
    const cells = ["équipe", "EQUIPE", "Équipé", "helpdesk", "HÉLPDESK"];
    const draft = await upload(["First name,Email,User group", ...cells.map((group, i) => `U${i},u${i}-${t}@import.example,${group}`)].join("\n"));
    expect((await draft.rows()).map((r) => [r.check, (r.values as { groupId?: string } | null)?.groupId ?? r.problems])).toEqual([
      ["valid", accented.id],
      ["valid", plain.id],
      ["error", [{ column: "group", code: "unknownGroup" }]], // accents aside it is both groups: neither
      ["valid", helpdesk.id],
      ["valid", helpdesk.id],
    ]);
  });

  it("refuses whole files that can't be imported, storing nothing", async () => {
    const before = await accountCounts(acme.account.id);
    const header = "First name,Email\n";
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `U${i},u${i}-${tag()}@import.example`).join("\n");
    const refusal = async (csv: string | Uint8Array) => {
      const result = await followed(uploadImportAction(undefined, importForm(csv, settings)));
      return "redirectedTo" in result ? result : (result as { fieldErrors?: Record<string, string[]> }).fieldErrors?.file?.[0];
    };
    expect(await refusal(header + rows(101))).toMatch(/101.*100|100.*101/);
    expect(await refusal("")).toBeTruthy();
    expect(await refusal(header)).toBeTruthy();
    expect(await refusal("Last name,Language\nDoe,fr\n")).toContain("First name, Email");
    expect(await refusal(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]))).toBeTruthy();
    expect(await refusal(header + "x".repeat(1_100_000))).toBeTruthy();
    expect(await accountCounts(acme.account.id)).toEqual(before);

    // 100 rows are fine.
    const ok = await upload(header + rows(100));
    expect((await ok.rows()).filter((r) => r.check === "valid")).toHaveLength(100);
  });

  it("a row that can no longer apply at reflection fails with its reason; the others proceed", async () => {
    const t = tag();
    const sub = await getDb().subscription.findFirstOrThrow({ where: { accountId: acme.account.id, product: { code: "remote-support" } } });
    await getDb().subscription.update({ where: { id: sub.id }, data: { seatsPurchased: 3 } });
    const draft = await upload(["First name,Email", `A,a-${t}@import.example`, `B,b-${t}@import.example`, `C,c-${t}@import.example`].join("\n"), { products: "remote-support" });
    expect((await draft.rows()).map((r) => r.check)).toEqual(["valid", "valid", "valid"]);
    await followed(commitImportAction(undefined, idForm(draft.id)));
    // Meanwhile: b's address is taken by another account, and two of the three seats are given away.
    await getDb().user.create({ data: { accountId: other.account.id, email: `b-${t}@import.example`, firstName: "B elsewhere" } });
    for (const user of [acme.users.MEMBER, acme.users.SUPPORT_STAFF]) {
      await getDb().licenceAssignment.create({ data: { accountId: acme.account.id, subscriptionId: sub.id, userId: user.id } });
    }

    await reflectImport(getDb(), draft.id, { chunkSize: 2 });
    expect((await draft.rows()).map((r) => [r.rowNumber, r.status, r.outcome])).toEqual([
      [1, "DONE", "created"],
      [2, "DONE", "transferInvited"],
      [3, "FAILED", "noSeats"],
    ]);
    expect((await getDb().importBatch.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("DONE_WITH_ERRORS");
    expect((await getDb().subscription.findUniqueOrThrow({ where: { id: sub.id } })).seatsUsed).toBe(3);
  });

  it("a scheduled import can be cancelled and then never applies; a draft is discarded", async () => {
    const t = tag();
    const draft = await upload(`First name,Email\nA,a-${t}@import.example\n`);
    // Checked, not confirmed: in the history as a draft, until discarded.
    expect((await listImports(getDb(), acme.account.id)).find((b) => b.id === draft.id)?.status).toBe("DRAFT");
    expect(await followed(cancelImportAction(undefined, idForm(draft.id)))).toEqual({ redirectedTo: "/people/users/import?done=discarded" });
    expect(await getDb().importBatch.count({ where: { id: draft.id } })).toBe(0);

    process.env.IMPORT_REFLECTION_DELAY = "24h";
    const second = await upload(`First name,Email\nA,a-${t}@import.example\n`);
    await followed(commitImportAction(undefined, idForm(second.id)));
    const scheduled = await getDb().importBatch.findUniqueOrThrow({ where: { id: second.id } });
    expect(scheduled.scheduledFor!.getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    await followed(cancelImportAction(undefined, idForm(second.id)));
    await reflectImport(getDb(), second.id);
    expect((await getDb().importBatch.findUniqueOrThrow({ where: { id: second.id } })).status).toBe("CANCELLED");
    expect(await getDb().user.count({ where: { email: `a-${t}@import.example` } })).toBe(0);
    expect(await followed(cancelImportAction(undefined, idForm(second.id)))).toEqual({ ok: false, formError: "Only an import that hasn't started can be cancelled." });
  });

  it("finds a batch only in its own account, by a real id", async () => {
    const draft = await upload(`First name,Email\nA,a-${tag()}@import.example\n`);
    expect((await findImport(getDb(), acme.account.id, draft.id))?.id).toBe(draft.id);
    expect(await findImport(getDb(), other.account.id, draft.id)).toBeNull();
    for (const id of ["-".repeat(36), "not-an-id", draft.id.toUpperCase().replace(/-/g, "x")]) expect(await findImport(getDb(), acme.account.id, id), id).toBeNull();
  });

  it("refuses signed out, member, support staff, another account's batch, and a role above the importer's", async () => {
    const t = tag();
    const draft = await upload(`First name,Email,Account role\nA,a-${t}@import.example,Account holder\nB,b-${t}@import.example,\n`);
    expect((await draft.rows()).map((r) => [r.check, r.problems])).toEqual([["error", [{ column: "role", code: "roleTooHigh" }]], ["valid", null]]);

    const before = await accountCounts(acme.account.id);
    signInAs(null);
    expect(await followed(uploadImportAction(undefined, importForm("First name,Email\nA,x@y.example\n", settings)))).toEqual({ ok: false, formError: "Your session has ended. Sign in again." });
    for (const role of ["MEMBER", "SUPPORT_STAFF"] as const) {
      signInAs(acme.users[role]);
      expect(await followed(commitImportAction(undefined, idForm(draft.id)))).toEqual({ ok: false, formError: "Your role doesn't allow this." });
    }
    signInAs(other.users.ADMIN);
    expect(await followed(commitImportAction(undefined, idForm(draft.id)))).toEqual({ ok: false, formError: "That item doesn't exist in your account." });
    expect(await followed(cancelImportAction(undefined, idForm(draft.id)))).toEqual({ ok: false, formError: "That item doesn't exist in your account." });
    signInAs(acme.users.ADMIN);
    expect(await followed(uploadImportAction(undefined, importForm("First name,Email\nA,x@y.example\n", { ...settings, role: "ACCOUNT_HOLDER" })))).toEqual({ ok: false, formError: "You can't grant a role above your own." });
    expect(await accountCounts(acme.account.id)).toEqual(before);
    expect((await getDb().importBatch.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("DRAFT");
  });
});

describe("the committer's authority at reflection", () => {
  /** A batch committed by `committer` with a row of each role given, then a change to the committer before it runs. */
  async function committedBy(committer: TestAccount["users"]["ADMIN"], roles: string[], options: { products?: string } = {}) {
    const t = tag();
    signInAs(committer);
    const csv = ["First name,Email,Account role", ...roles.map((role, i) => `R${i},r${i}-${t}@import.example,${role}`)].join("\n");
    const draft = await upload(csv, options.products ? { products: options.products } : {});
    expect((await draft.rows()).map((r) => r.check)).toEqual(roles.map(() => "valid"));
    await followed(commitImportAction(undefined, idForm(draft.id)));
    const emails = roles.map((_, i) => `r${i}-${t}@import.example`);
    return { ...draft, emails, users: () => getDb().user.count({ where: { email: { in: emails } } }) };
  }

  const outcomes = async (draft: { rows: () => Promise<{ status: string; outcome: string | null; problems: unknown }[]> }) =>
    (await draft.rows()).map((r) => [r.status, r.outcome, (r.problems as { reason?: string } | null)?.reason ?? null]);
  const refusals = (accountId: string) => getDb().auditEvent.findMany({ where: { accountId, action: "import.refused" }, select: { actorId: true, targetId: true, after: true } });
  /** Invitations queued (the notice to the account holders aside). */
  const emailsOf = (accountId: string) => getDb().outboxEmail.count({ where: { accountId, kind: { not: "importRefused" } } });
  /** The notices to the account holders: recipient, subject, text. */
  const notices = (accountId: string) => getDb().outboxEmail.findMany({ where: { accountId, kind: "importRefused" }, select: { recipient: true, subject: true, text: true } });

  it("a committer demoted meanwhile: the rows above their new role fail, the others are created", async () => {
    const draft = await committedBy(acme.users.ACCOUNT_HOLDER, ["Account holder", "Admin", "Member"]);
    await getDb().user.update({ where: { id: acme.users.ACCOUNT_HOLDER.id }, data: { role: "ADMIN" } });
    await reflectImport(getDb(), draft.id);

    expect(await outcomes(draft)).toEqual([
      ["FAILED", "refused", "imports.refused.roleTooHigh"],
      ["DONE", "created", null],
      ["DONE", "created", null],
    ]);
    expect(await getDb().user.count({ where: { email: draft.emails[0] } })).toBe(0);
    expect(await emailsOf(acme.account.id)).toBe(2);
    expect((await getDb().importBatch.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("DONE_WITH_ERRORS");
    expect(await refusals(acme.account.id)).toEqual([{ actorId: null, targetId: draft.id, after: { rows: 1, reasons: { roleTooHigh: 1 } } }]);
    const batch = await findImport(getDb(), acme.account.id, draft.id);
    expect(batch?.refused).toBe(1);
    expect((await listImports(getDb(), acme.account.id)).find((b) => b.id === draft.id)?.refused).toBe(1);
    expect(describeRow(translator("en") as never, batch!.rows[0])).toBe("Not imported: the person who confirmed this import can no longer give this role.");
  });

  it("a committer demoted to a role that can't import: every row fails, nothing is created", async () => {
    const draft = await committedBy(acme.users.ADMIN, ["Admin", "Member"], { products: "remote-support" });
    await getDb().user.update({ where: { id: acme.users.ADMIN.id }, data: { role: "SUPPORT_STAFF" } });
    await reflectImport(getDb(), draft.id);
    expect(await outcomes(draft)).toEqual([
      ["FAILED", "refused", "imports.refused.notPermitted"],
      ["FAILED", "refused", "imports.refused.notPermitted"],
    ]);
    expect(await draft.users()).toBe(0);
    expect(await emailsOf(acme.account.id)).toBe(0);
    expect(await getDb().licenceAssignment.count({ where: { accountId: acme.account.id } })).toBe(0);
    expect(await refusals(acme.account.id)).toEqual([{ actorId: null, targetId: draft.id, after: { rows: 2, reasons: { notPermitted: 2 } } }]);
  });

  it("a committer suspended meanwhile: every row fails, nothing is created, no email is queued", async () => {
    const draft = await committedBy(acme.users.ADMIN, ["Admin", "Member", "Support staff"], { products: "central" });
    await getDb().user.update({ where: { id: acme.users.ADMIN.id }, data: { status: "SUSPENDED" } });
    await reflectImport(getDb(), draft.id, { chunkSize: 2 });
    expect(await outcomes(draft)).toEqual(draft.emails.map(() => ["FAILED", "refused", "imports.refused.inactive"]));
    expect(await draft.users()).toBe(0);
    expect(await emailsOf(acme.account.id)).toBe(0);
    expect((await getDb().importBatch.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("DONE_WITH_ERRORS");
    expect(await refusals(acme.account.id)).toEqual([{ actorId: null, targetId: draft.id, after: { rows: 3, reasons: { inactive: 3 } } }]);
    // The account holder is told, by email, with the count and the import's page.
    const [notice, ...more] = await notices(acme.account.id);
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ recipient: acme.users.ACCOUNT_HOLDER.email, subject: "Rows of the import users.csv were not applied" });
    expect(notice.text).toContain(`3 rows of the import users.csv in ${acme.account.name} were not applied: ADMIN ${acme.users.ADMIN.lastName}, who confirmed it`);
    expect(notice.text).toContain(`/people/users/imports/${draft.id}`);
  });

  it("a committer deleted meanwhile: every row fails, nothing is created, no email is queued", async () => {
    const draft = await committedBy(acme.users.ADMIN, ["Member", "Member"]);
    await getDb().user.delete({ where: { id: acme.users.ADMIN.id } });
    await reflectImport(getDb(), draft.id);
    expect(await outcomes(draft)).toEqual([["FAILED", "refused", "imports.refused.gone"], ["FAILED", "refused", "imports.refused.gone"]]);
    expect(await draft.users()).toBe(0);
    expect(await emailsOf(acme.account.id)).toBe(0);
    expect(await refusals(acme.account.id)).toEqual([{ actorId: null, targetId: draft.id, after: { rows: 2, reasons: { gone: 2 } } }]);
  });

  it("a committer unchanged: every row applies as before, nothing is refused", async () => {
    const draft = await committedBy(acme.users.ADMIN, ["Admin", "Member"]);
    await reflectImport(getDb(), draft.id);
    expect(await outcomes(draft)).toEqual([["DONE", "created", null], ["DONE", "created", null]]);
    expect(await emailsOf(acme.account.id)).toBe(2);
    expect(await refusals(acme.account.id)).toEqual([]);
    expect(await notices(acme.account.id)).toEqual([]);
    expect((await findImport(getDb(), acme.account.id, draft.id))?.refused).toBe(0);
  });

  it("refuses to confirm a draft whose rows give a role above the confirmer's", async () => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    const draft = await upload(`First name,Email,Account role\nH,h-${tag()}@import.example,Account holder\n`);
    signInAs(acme.users.ADMIN);
    expect(await followed(commitImportAction(undefined, idForm(draft.id)))).toEqual({
      ok: false, formError: "1 row of this import gives a role above yours. Ask someone with that role to confirm it.",
    });
    expect((await getDb().importBatch.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("DRAFT");
  });
});

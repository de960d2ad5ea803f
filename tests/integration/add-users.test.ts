import crypto from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "../support/session";
import { twoTestAccounts, type TestAccount } from "../support/accounts";
import { addUsersAction } from "@/app/(app)/people/users/new/actions";
import { getDb } from "@/lib/db/client";
import { hashToken, LINK_TOKEN_PLACEHOLDER } from "@/lib/invitations/tokens";

let acme: TestAccount;
let other: TestAccount;

beforeEach(async () => {
  ({ acme, other } = await twoTestAccounts());
  signInAs(acme.users.ADMIN);
});

const tag = () => crypto.randomBytes(3).toString("hex");
const settings = { timeZone: "Europe/Paris", groupId: "none", locale: "fr", role: "MEMBER" };

/** What the form posts: parallel fields, one per row. */
function form(rows: { firstName: string; lastName?: string; email: string }[], extra: Record<string, string | string[]> = {}) {
  const data = new FormData();
  for (const row of rows) {
    data.append("firstName", row.firstName);
    data.append("lastName", row.lastName ?? "");
    data.append("email", row.email);
  }
  for (const [key, value] of Object.entries({ ...settings, ...extra })) {
    for (const v of [value].flat()) data.append(key, v);
  }
  return data;
}

/** Everything an add could have written for the account: compared before and after a refusal. */
async function snapshot(accountId: string) {
  const db = getDb();
  const [users, invitations, emails, assignments, audit] = await Promise.all([
    db.user.count({ where: { accountId } }),
    db.invitation.count({ where: { accountId } }),
    db.outboxEmail.count({ where: { accountId } }),
    db.licenceAssignment.count({ where: { accountId } }),
    db.auditEvent.count({ where: { accountId } }),
  ]);
  return { users, invitations, emails, assignments, audit };
}

describe("addUsersAction", () => {
  it("adds one user: invited, settings applied, welcome email in their language with a working link, audited", async () => {
    const email = `Chloe.${tag()}@New.Example`;
    const result = await addUsersAction(undefined, form([{ firstName: "Chloé", lastName: "Dupont", email }], { products: "remote-support" }));
    expect(result).toEqual({ ok: true, data: { rows: [{ row: 1, email: email.toLowerCase(), outcome: "created" }], created: 1, transferInvited: 0, skipped: 0 } });

    const user = await getDb().user.findUniqueOrThrow({ where: { email: email.toLowerCase() }, include: { assignments: { include: { subscription: { include: { product: true } } } } } });
    expect(user).toMatchObject({ accountId: acme.account.id, firstName: "Chloé", lastName: "Dupont", status: "INVITED", locale: "fr", timeZone: "Europe/Paris", role: "MEMBER", passwordHash: null, nameKey: "chloe dupont" });
    expect(user.assignments.map((a) => a.subscription.product.code)).toEqual(["remote-support"]);

    const [mail] = await getDb().outboxEmail.findMany({ where: { accountId: acme.account.id, recipient: email.toLowerCase() } });
    expect(mail).toMatchObject({ kind: "welcome", locale: "fr" });
    // The stored email (what Settings > Outbox shows) has the placeholder; the token waits beside it for delivery.
    expect(mail.text).toContain(`/invitations/${LINK_TOKEN_PLACEHOLDER}`);
    expect(mail.text).not.toContain(mail.linkToken!);
    const invitation = await getDb().invitation.findUniqueOrThrow({ where: { tokenHash: hashToken(mail.linkToken!) } });
    expect(invitation).toMatchObject({ accountId: acme.account.id, userId: user.id, kind: "WELCOME", invitedById: acme.users.ADMIN.id, retiredAt: null });
    expect(invitation.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    const events = await getDb().auditEvent.findMany({ where: { accountId: acme.account.id, targetId: user.id }, orderBy: { action: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["licence.assign", "user.create"]);
  });

  it("reports every row: created, transfer invitation, already here, duplicate in the form", async () => {
    const fresh = `fresh-${tag()}@new.example`;
    const rows = [
      { firstName: "Fresh", email: fresh },
      { firstName: "Mover", email: other.users.MEMBER.email.toUpperCase() },
      { firstName: "Here", email: acme.users.MEMBER.email },
      { firstName: "Again", email: ` ${fresh.toUpperCase()} ` },
    ];
    const result = await addUsersAction(undefined, form(rows, { products: "remote-support" }));
    expect(result).toEqual({
      ok: true,
      data: {
        rows: [
          { row: 1, email: fresh, outcome: "created" },
          { row: 2, email: other.users.MEMBER.email, outcome: "transferInvited" },
          { row: 3, email: acme.users.MEMBER.email, outcome: "alreadyInAccount" },
          { row: 4, email: fresh, outcome: "duplicate", firstRow: 1 },
        ],
        created: 1, transferInvited: 1, skipped: 2,
      },
    });
    // The transfer: the user stays where they are until they accept; the invitation carries the settings.
    const mover = await getDb().user.findUniqueOrThrow({ where: { id: other.users.MEMBER.id } });
    expect(mover.accountId).toBe(other.account.id);
    const transfer = await getDb().invitation.findFirstOrThrow({ where: { accountId: acme.account.id, userId: mover.id } });
    expect(transfer).toMatchObject({ kind: "TRANSFER", role: "MEMBER", productCodes: ["remote-support"] });
    const kinds = (await getDb().outboxEmail.findMany({ where: { accountId: acme.account.id } })).map((e) => `${e.recipient} ${e.kind}`).sort();
    expect(kinds).toEqual([`${fresh} welcome`, `${other.users.MEMBER.email} transferInvitation`].sort());
    // Only the new user took a seat; nothing was written in the other account.
    expect(await getDb().licenceAssignment.count({ where: { accountId: acme.account.id } })).toBe(1);
    expect(await getDb().outboxEmail.count({ where: { accountId: other.account.id } })).toBe(0);
  });

  it("an address added by someone else between the lookup and the insert refuses the whole submission", async () => {
    // Simulated: the lookup sees nothing because the row arrives in between (a BEFORE INSERT
    // trigger inserts it first, as a concurrent request's commit would).
    const email = `race-${tag()}@new.example`;
    await getDb().$executeRawUnsafe(`
      CREATE FUNCTION race_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.email = '${email}' AND NEW."firstName" <> 'Racer' THEN
        INSERT INTO "User" (id, "accountId", email, "firstName", "updatedAt") VALUES (gen_random_uuid(), '${other.account.id}', NEW.email, 'Racer', now());
      END IF; RETURN NEW; END $$`);
    await getDb().$executeRawUnsafe(`CREATE TRIGGER race_insert BEFORE INSERT ON "User" FOR EACH ROW EXECUTE FUNCTION race_insert()`);
    try {
      const before = await snapshot(acme.account.id);
      const result = await addUsersAction(undefined, form([{ firstName: "Late", email }, { firstName: "Other", email: `x-${tag()}@new.example` }]));
      expect(result).toEqual({ ok: false, formError: "Someone added one of these email addresses at the same time. Nothing was added: try again." });
      expect(await snapshot(acme.account.id)).toEqual(before);
    } finally {
      await getDb().$executeRawUnsafe(`DROP TRIGGER race_insert ON "User"`);
      await getDb().$executeRawUnsafe(`DROP FUNCTION race_insert`);
    }
  });

  it("refuses the whole submission when seats can't cover the new users, with the numbers, writing nothing", async () => {
    const before = await snapshot(acme.account.id);
    const rows = Array.from({ length: 3 }, (_, i) => ({ firstName: `S${i}`, email: `seat${i}-${tag()}@new.example` }));
    const result = await addUsersAction(undefined, form(rows, { products: "remote-support" }));
    expect(result).toEqual({ ok: false, fieldErrors: { products: ["Remote Support: 3 seats needed, 2 available. Nothing was added."] } });
    expect(await snapshot(acme.account.id)).toEqual(before);
  });

  it("shows every field error at once and writes nothing; hostile values are refused or stored as text", async () => {
    const before = await snapshot(acme.account.id);
    const result = await addUsersAction(undefined, form([
      { firstName: "", email: "not-an-email" },
      { firstName: "Eve\r\nBcc: x@y.z", email: `eve-${tag()}@new.example` },
      { firstName: "x".repeat(10_000), email: `long-${tag()}@new.example` },
      { firstName: "Ok", email: "a@b.c, d@e.f" },
    ]));
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        "rows.0.firstName": ["This field is required."],
        "rows.0.email": ["Enter a valid email address, such as name@example.com."],
        "rows.1.firstName": ["Keep this on one line: remove the line breaks and tabs."],
        "rows.2.firstName": ["This value is too long."],
        "rows.3.email": ["Enter a valid email address, such as name@example.com."],
      },
    });
    expect(await snapshot(acme.account.id)).toEqual(before);

    const markup = `<img src=x onerror=alert(1)> مرحبا 🎉`;
    const email = `markup-${tag()}@new.example`;
    expect((await addUsersAction(undefined, form([{ firstName: markup, email }]))).ok).toBe(true);
    expect((await getDb().user.findUniqueOrThrow({ where: { email } })).firstName).toBe(markup);
    const mail = await getDb().outboxEmail.findFirstOrThrow({ where: { recipient: email } });
    expect(mail.html).not.toContain("<img src=x");
    expect(mail.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("refuses 101 rows, an unknown time zone, another account's group and product codes it doesn't own", async () => {
    const before = await snapshot(acme.account.id);
    const many = Array.from({ length: 101 }, (_, i) => ({ firstName: `M${i}`, email: `m${i}-${tag()}@new.example` }));
    expect(await addUsersAction(undefined, form(many))).toEqual({ ok: false, fieldErrors: { rows: ["At most 100 users at a time: split the list."] } });
    const one = [{ firstName: "One", email: `one-${tag()}@new.example` }];
    expect(await addUsersAction(undefined, form(one, { timeZone: "Mars/Olympus" }))).toEqual({ ok: false, fieldErrors: { timeZone: ["Choose a time zone from the list."] } });
    const otherGroup = await getDb().userGroup.findFirstOrThrow({ where: { accountId: other.account.id } });
    expect(await addUsersAction(undefined, form(one, { groupId: otherGroup.id }))).toEqual({ ok: false, formError: "That item doesn't exist in your account." });
    expect(await addUsersAction(undefined, form(one, { products: "teleporter" }))).toEqual({ ok: false, formError: "That item doesn't exist in your account." });
    expect(await snapshot(acme.account.id)).toEqual(before);
  });

  it("uses the account's group and a customized welcome email for this send only; a broken template is refused", async () => {
    const group = await getDb().userGroup.findFirstOrThrow({ where: { accountId: acme.account.id } });
    const email = `custom-${tag()}@new.example`;
    const custom = { customSubject: "Bienvenue {{ firstName }}", customBody: "Salut {{ firstName }}, clique ici : {{ invitationUrl }}" };
    expect((await addUsersAction(undefined, form([{ firstName: "Zoé", email }], { groupId: group.id, ...custom }))).ok).toBe(true);
    expect((await getDb().user.findUniqueOrThrow({ where: { email } })).groupId).toBe(group.id);
    const mail = await getDb().outboxEmail.findFirstOrThrow({ where: { recipient: email } });
    expect(mail.subject).toBe("Bienvenue Zoé");
    expect(mail.text).toMatch(/^Salut Zoé, clique ici : https?:\/\/\S+\/invitations\//);

    const before = await snapshot(acme.account.id);
    const broken = await addUsersAction(undefined, form([{ firstName: "Bad", email: `bad-${tag()}@new.example` }], { ...custom, customBody: "Hi {{ password }}" }));
    expect(broken).toEqual({ ok: false, fieldErrors: { customBody: ["This template has errors: check the variable names and braces."] } });
    expect(await snapshot(acme.account.id)).toEqual(before);
  });

  it("refuses signed out, member, support staff, a role above the caller's, and writes nothing", async () => {
    const before = await snapshot(acme.account.id);
    const one = form([{ firstName: "Nope", email: `nope-${tag()}@new.example` }]);
    signInAs(null);
    expect(await addUsersAction(undefined, one)).toEqual({ ok: false, formError: "Your session has ended. Sign in again." });
    for (const role of ["MEMBER", "SUPPORT_STAFF"] as const) {
      signInAs(acme.users[role]);
      expect(await addUsersAction(undefined, one)).toEqual({ ok: false, formError: "Your role doesn't allow this." });
    }
    signInAs(acme.users.ADMIN);
    const escalate = form([{ firstName: "Boss", email: `boss-${tag()}@new.example` }], { role: "ACCOUNT_HOLDER" });
    expect(await addUsersAction(undefined, escalate)).toEqual({ ok: false, formError: "You can't grant a role above your own." });
    expect(await snapshot(acme.account.id)).toEqual(before);
  });

  it("another account's admin adds into their own account, whatever accountId the form smuggles", async () => {
    signInAs(other.users.ADMIN);
    const email = `smuggled-${tag()}@new.example`;
    const result = await addUsersAction(undefined, form([{ firstName: "Smug", email }], { accountId: acme.account.id }));
    expect(result.ok).toBe(true);
    expect((await getDb().user.findUniqueOrThrow({ where: { email } })).accountId).toBe(other.account.id);
  });

  it("100 rows commit in one transaction; a failure at row 37 leaves nothing behind", async () => {
    await getDb().subscription.updateMany({ where: { accountId: acme.account.id }, data: { seatsPurchased: 500 } });
    const rows = (label: string) => Array.from({ length: 100 }, (_, i) => ({ firstName: `Row${i}`, email: `${label}${i}-${tag()}@bulk.example` }));
    const before = await snapshot(acme.account.id);
    const ok = await addUsersAction(undefined, form(rows("ok"), { products: "remote-support" }));
    expect(ok.ok && ok.data.created).toBe(100);
    const after = await snapshot(acme.account.id);
    expect([after.users - before.users, after.assignments - before.assignments, after.emails - before.emails, after.invitations - before.invitations]).toEqual([100, 100, 100, 100]);

    // The database refuses row 37 mid-insert (as a constraint or a lost connection would).
    const failing = rows("fail");
    await getDb().$executeRawUnsafe(`
      CREATE FUNCTION refuse_row_37() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.email = '${failing[36].email}' THEN RAISE EXCEPTION 'row 37 refused'; END IF; RETURN NEW; END $$`);
    await getDb().$executeRawUnsafe(`CREATE TRIGGER refuse_row_37 BEFORE INSERT ON "User" FOR EACH ROW EXECUTE FUNCTION refuse_row_37()`);
    try {
      const failed = await addUsersAction(undefined, form(failing, { products: "remote-support" }));
      expect(failed).toEqual({ ok: false, formError: "Something went wrong and nothing was changed. Try again." });
      expect(await snapshot(acme.account.id)).toEqual(after);
    } finally {
      await getDb().$executeRawUnsafe(`DROP TRIGGER refuse_row_37 ON "User"`);
      await getDb().$executeRawUnsafe(`DROP FUNCTION refuse_row_37`);
    }
  });
});

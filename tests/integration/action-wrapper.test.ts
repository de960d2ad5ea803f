import { beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "../support/session";
import { createTestAccount } from "../support/accounts";
import { z } from "zod";
import { accountAction } from "@/lib/actions/define-action";
import { NotFoundError } from "@/lib/actions/errors";
import { getDb } from "@/lib/db/client";
import { AccountRole } from "@/lib/generated/prisma/enums";
import { assertCanAssignRole } from "@/lib/permissions";

// A representative action, written the way feature actions are: it takes an id from the
// browser and must scope it to the caller's account through ctx.
const renameUserAction = accountAction({
  name: "test.user.rename",
  permission: "users.manage",
  input: z.object({
    userId: z.uuid({ error: "validation.invalid" }),
    firstName: z.string().trim().min(1, { error: "validation.required" }).max(50, { error: "validation.tooLong" }),
    role: z.enum(AccountRole).optional(),
  }),
  async handler({ userId, firstName, role }, ctx) {
    const before = await ctx.db.user.findFirst({ where: { id: userId, accountId: ctx.accountId } });
    if (!before) throw new NotFoundError();
    if (role) assertCanAssignRole(ctx.user.role, role);
    const after = await ctx.db.user.update({ where: { id: before.id }, data: { firstName, ...(role && { role }) } });
    ctx.audit({ action: "user.rename", targetType: "user", targetId: userId, before: { firstName: before.firstName }, after: { firstName } });
    if (firstName === "explode") throw new Error("secret internal detail");
    return { id: after.id };
  },
});

let acme: Awaited<ReturnType<typeof createTestAccount>>;
let other: Awaited<ReturnType<typeof createTestAccount>>;

beforeEach(async () => {
  acme = await createTestAccount("Acme");
  other = await createTestAccount("Other");
  signInAs(null);
});

const auditCount = () => getDb().auditEvent.count();
const firstNameOf = async (id: string) => (await getDb().user.findUniqueOrThrow({ where: { id } })).firstName;

describe("accountAction", () => {
  it("runs the handler for a permitted role and records the audit event with before/after", async () => {
    signInAs(acme.users.ADMIN);
    const result = await renameUserAction(undefined, { userId: acme.users.MEMBER.id, firstName: "Renamed" });
    expect(result).toEqual({ ok: true, data: { id: acme.users.MEMBER.id } });
    expect(await firstNameOf(acme.users.MEMBER.id)).toBe("Renamed");
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { action: "user.rename" } });
    expect(event).toMatchObject({
      accountId: acme.account.id,
      actorId: acme.users.ADMIN.id,
      targetId: acme.users.MEMBER.id,
      before: { firstName: "MEMBER" },
      after: { firstName: "Renamed" },
    });
  });

  it("accepts FormData as a form submits it", async () => {
    signInAs(acme.users.ACCOUNT_HOLDER);
    const form = new FormData();
    form.set("userId", acme.users.MEMBER.id);
    form.set("firstName", "From a form");
    expect((await renameUserAction(undefined, form)).ok).toBe(true);
    expect(await firstNameOf(acme.users.MEMBER.id)).toBe("From a form");
  });

  it("refuses a signed-out caller and changes nothing", async () => {
    const before = await auditCount();
    const result = await renameUserAction(undefined, { userId: acme.users.MEMBER.id, firstName: "Nope" });
    expect(result).toEqual({ ok: false, formError: "Your session has ended. Sign in again." });
    expect(await firstNameOf(acme.users.MEMBER.id)).toBe("MEMBER");
    expect(await auditCount()).toBe(before);
  });

  it.each(["SUPPORT_STAFF", "MEMBER"] as const)("refuses %s (role too low) and changes nothing", async (role) => {
    signInAs(acme.users[role]);
    const before = await auditCount();
    const result = await renameUserAction(undefined, { userId: acme.users.MEMBER.id, firstName: "Nope" });
    expect(result).toEqual({ ok: false, formError: "Your role doesn't allow this." });
    expect(await firstNameOf(acme.users.MEMBER.id)).toBe("MEMBER");
    expect(await auditCount()).toBe(before);
  });

  it("does not reach a user of another account, whatever id the browser sends", async () => {
    signInAs(acme.users.ADMIN);
    const before = await auditCount();
    const result = await renameUserAction(undefined, { userId: other.users.MEMBER.id, firstName: "Hijacked" });
    expect(result).toEqual({ ok: false, formError: "That item doesn't exist in your account." });
    expect(await firstNameOf(other.users.MEMBER.id)).toBe("MEMBER");
    expect(await auditCount()).toBe(before);
  });

  it("ignores an account id smuggled into the input", async () => {
    signInAs(other.users.ADMIN);
    const result = await renameUserAction(undefined, {
      userId: acme.users.MEMBER.id, firstName: "Hijacked", accountId: acme.account.id,
    });
    expect(result.ok).toBe(false);
    expect(await firstNameOf(acme.users.MEMBER.id)).toBe("MEMBER");
  });

  it("refuses an admin granting the account-holder role (escalation) and rolls back", async () => {
    signInAs(acme.users.ADMIN);
    const result = await renameUserAction(undefined, { userId: acme.users.ADMIN.id, firstName: "Boss", role: "ACCOUNT_HOLDER" });
    expect(result).toEqual({ ok: false, formError: "You can't grant a role above your own." });
    const admin = await getDb().user.findUniqueOrThrow({ where: { id: acme.users.ADMIN.id } });
    expect(admin).toMatchObject({ role: "ADMIN", firstName: "ADMIN" });
  });

  it("returns every field error at once, localized, and writes nothing", async () => {
    await getDb().user.update({ where: { id: acme.users.ADMIN.id }, data: { locale: "fr" } });
    signInAs(acme.users.ADMIN);
    const before = await auditCount();
    const result = await renameUserAction(undefined, { userId: "not-a-uuid", firstName: "x".repeat(51) });
    expect(result).toEqual({
      ok: false,
      fieldErrors: { userId: ["Cette valeur n'est pas valide."], firstName: ["Cette valeur est trop longue."] },
    });
    expect(await auditCount()).toBe(before);
  });

  it("rolls back the handler's writes and audit events when it fails, without leaking the error", async () => {
    signInAs(acme.users.ADMIN);
    const before = await auditCount();
    const result = await renameUserAction(undefined, { userId: acme.users.MEMBER.id, firstName: "explode" });
    expect(result).toEqual({ ok: false, formError: "Something went wrong and nothing was changed. Try again." });
    expect(JSON.stringify(result)).not.toContain("secret");
    expect(await firstNameOf(acme.users.MEMBER.id)).toBe("MEMBER");
    expect(await auditCount()).toBe(before);
  });

  it("treats a revoked session (session version bumped) as signed out", async () => {
    signInAs(acme.users.ADMIN);
    await getDb().user.update({ where: { id: acme.users.ADMIN.id }, data: { sessionVersion: { increment: 1 } } });
    const result = await renameUserAction(undefined, { userId: acme.users.MEMBER.id, firstName: "Nope" });
    expect(result).toEqual({ ok: false, formError: "Your session has ended. Sign in again." });
    expect(await firstNameOf(acme.users.MEMBER.id)).toBe("MEMBER");
  });

  it("treats a suspended user's still-valid cookie as signed out", async () => {
    signInAs(acme.users.ADMIN);
    await getDb().user.update({ where: { id: acme.users.ADMIN.id }, data: { status: "SUSPENDED" } });
    const result = await renameUserAction(undefined, { userId: acme.users.MEMBER.id, firstName: "Nope" });
    expect(result.ok).toBe(false);
    expect(await firstNameOf(acme.users.MEMBER.id)).toBe("MEMBER");
  });
});

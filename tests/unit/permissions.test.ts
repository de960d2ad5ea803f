import { describe, expect, it } from "vitest";
import { assertCanAssignRole, can, ForbiddenError, ROLES, rolesAbove } from "@/lib/permissions";

describe("the permission table", () => {
  it("gives billing to the account holder only", () => {
    expect(ROLES.filter((role) => can(role, "billing.read"))).toEqual(["ACCOUNT_HOLDER"]);
  });
  it("lets support staff read people and resend invitations, nothing else that changes data", () => {
    expect(can("SUPPORT_STAFF", "users.read")).toBe(true);
    expect(can("SUPPORT_STAFF", "invitations.resend")).toBe(true);
    for (const permission of ["users.manage", "licences.assign", "templates.manage", "imports.manage", "audit.read"] as const) {
      expect(can("SUPPORT_STAFF", permission), permission).toBe(false);
    }
  });
  it("gives Settings › Security to the account holder only, and the two-step reset to admins and holders", () => {
    expect(ROLES.filter((role) => can(role, "security.manage"))).toEqual(["ACCOUNT_HOLDER"]);
    expect(ROLES.filter((role) => can(role, "twoStep.reset"))).toEqual(["ACCOUNT_HOLDER", "ADMIN"]);
  });
  it("lets members update only their own profile", () => {
    expect(can("MEMBER", "profile.update")).toBe(true);
    expect(can("MEMBER", "users.read")).toBe(false);
  });
});

describe("assertCanAssignRole", () => {
  it("lets an admin grant admin and below, but not account holder", () => {
    for (const role of ["ADMIN", "SUPPORT_STAFF", "MEMBER"] as const) expect(() => assertCanAssignRole("ADMIN", role)).not.toThrow();
    expect(() => assertCanAssignRole("ADMIN", "ACCOUNT_HOLDER")).toThrow(ForbiddenError);
  });
  it("lets the account holder grant every role", () => {
    for (const role of ROLES) expect(() => assertCanAssignRole("ACCOUNT_HOLDER", role)).not.toThrow();
  });
  it("refuses any role change by support staff or members, even to their own role", () => {
    expect(() => assertCanAssignRole("SUPPORT_STAFF", "MEMBER")).toThrow(ForbiddenError);
    expect(() => assertCanAssignRole("MEMBER", "MEMBER")).toThrow(ForbiddenError);
  });
});

describe("rolesAbove (nobody acts on users holding one)", () => {
  it("names the strictly higher roles", () => {
    expect(rolesAbove("ACCOUNT_HOLDER")).toEqual([]);
    expect(rolesAbove("ADMIN")).toEqual(["ACCOUNT_HOLDER"]);
    expect(rolesAbove("SUPPORT_STAFF")).toEqual(["ACCOUNT_HOLDER", "ADMIN"]);
    expect(rolesAbove("MEMBER")).toEqual(["ACCOUNT_HOLDER", "ADMIN", "SUPPORT_STAFF"]);
  });
});

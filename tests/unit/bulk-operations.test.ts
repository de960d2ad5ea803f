import { describe, expect, it } from "vitest";
import { applicableOperations, BULK_OPERATIONS, selectionStatuses } from "@/lib/users/bulk-operations";

const ALL = [...BULK_OPERATIONS];

describe("applicableOperations", () => {
  it("offers no Reactivate when no selected user is suspended", () => {
    expect(applicableOperations(ALL, ["ACTIVE", "INVITED"])).not.toContain("reactivate");
    expect(applicableOperations(ALL, ["ACTIVE", "SUSPENDED"])).toContain("reactivate");
  });

  it("offers no Suspend when every selected user is suspended", () => {
    expect(applicableOperations(ALL, ["SUSPENDED", "SUSPENDED"])).not.toContain("suspend");
    expect(applicableOperations(ALL, ["SUSPENDED", "TRANSFER_PENDING"])).toContain("suspend");
  });

  it("offers Resend invitation only with an invited user selected", () => {
    expect(applicableOperations(ALL, ["ACTIVE", "SUSPENDED", "TRANSFER_PENDING"])).not.toContain("resendInvitation");
    expect(applicableOperations(ALL, ["ACTIVE", "INVITED"])).toContain("resendInvitation");
  });

  it("keeps the operations that apply to anyone, and only those the role allows, in order", () => {
    expect(applicableOperations(ALL, ["ACTIVE"])).toEqual(["addProducts", "removeProducts", "editCapabilities", "changeRole", "changeGroup", "suspend", "delete"]);
    expect(applicableOperations(["resendInvitation"], ["ACTIVE"])).toEqual([]);
    expect(applicableOperations(["resendInvitation", "delete"], ["INVITED"])).toEqual(["resendInvitation", "delete"]);
  });

  it("offers everything the role allows when the statuses are unknown, nothing for an empty selection", () => {
    expect(applicableOperations(ALL, "unknown")).toEqual(ALL);
    expect(applicableOperations(ALL, [])).toEqual([]);
  });
});

describe("selectionStatuses", () => {
  const rows = [{ id: "a", status: "ACTIVE" }, { id: "b", status: "SUSPENDED" }];

  it("reads the selected rows' statuses", () => {
    expect(selectionStatuses({ mode: "ids", ids: ["b"] }, rows)).toEqual(["SUSPENDED"]);
    expect(selectionStatuses({ mode: "ids", ids: ["a", "b"] }, rows)).toEqual(["ACTIVE", "SUSPENDED"]);
  });

  it("is unknown when a selected user isn't shown", () => {
    expect(selectionStatuses({ mode: "ids", ids: ["a", "gone"] }, rows)).toBe("unknown");
  });

  it("takes all matching users' status from the status filter, unknown without one", () => {
    expect(selectionStatuses({ mode: "matching", status: "INVITED" }, rows)).toEqual(["INVITED"]);
    expect(selectionStatuses({ mode: "matching" }, rows)).toBe("unknown");
  });
});

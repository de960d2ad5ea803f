import { describe, expect, it } from "vitest";
import { createTestAccount } from "../support/accounts";
import { AUDIT_PAGE_SIZE, listAuditEvents, parseAuditCursor } from "@/lib/audit/queries";
import { getDb } from "@/lib/db/client";

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
  });
});

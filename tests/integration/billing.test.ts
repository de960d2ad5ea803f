import { beforeEach, describe, expect, it } from "vitest";
import { createTestAccount } from "../support/accounts";
import { listInvoices } from "@/lib/billing/invoices";
import { getDb } from "@/lib/db/client";
import type { InvoiceStatus } from "@/lib/generated/prisma/enums";

let acme: Awaited<ReturnType<typeof createTestAccount>>;
let other: Awaited<ReturnType<typeof createTestAccount>>;

beforeEach(async () => {
  acme = await createTestAccount("Acme");
  other = await createTestAccount("Other");
});

const invoice = (accountId: string, number: string, issuedAt: string, status: InvoiceStatus, amountCents = 9_900) => ({
  accountId, number, issuedAt: new Date(issuedAt), amountCents, currency: "EUR", status,
});

describe("listInvoices", () => {
  it("returns only the account's invoices, newest first", async () => {
    await getDb().invoice.createMany({
      data: [
        invoice(acme.account.id, "INV-2026-001", "2026-01-01T09:00:00Z", "PAID", 12_345),
        invoice(acme.account.id, "INV-2026-003", "2026-03-01T09:00:00Z", "OPEN"),
        invoice(acme.account.id, "INV-2026-002", "2026-02-01T09:00:00Z", "OVERDUE"),
        // Same numbers in another account, some newer than all of Acme's: never shown to Acme.
        invoice(other.account.id, "INV-2026-001", "2026-01-15T09:00:00Z", "PAID"),
        invoice(other.account.id, "INV-2026-004", "2026-04-01T09:00:00Z", "VOID"),
      ],
    });

    const invoices = await listInvoices(getDb(), acme.account.id);
    expect(invoices.map((i) => [i.number, i.status])).toEqual([
      ["INV-2026-003", "OPEN"],
      ["INV-2026-002", "OVERDUE"],
      ["INV-2026-001", "PAID"],
    ]);
    expect(invoices[2]).toMatchObject({ amountCents: 12_345, currency: "EUR", issuedAt: new Date("2026-01-01T09:00:00Z") });
    expect((await listInvoices(getDb(), other.account.id)).map((i) => i.number)).toEqual(["INV-2026-004", "INV-2026-001"]);
  });

  it("returns nothing for an account without invoices", async () => {
    await getDb().invoice.create({ data: invoice(other.account.id, "INV-1", "2026-01-01T09:00:00Z", "PAID") });
    expect(await listInvoices(getDb(), acme.account.id)).toEqual([]);
  });
});

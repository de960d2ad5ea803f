import Papa from "papaparse";
import { NextRequest } from "next/server";
import { beforeEach, expect, it } from "vitest";
import { signInAs } from "../support/session";
import { twoTestAccounts, type TestAccount } from "../support/accounts";
import { GET } from "@/app/(app)/people/users/export/route";
import { getDb } from "@/lib/db/client";
import { seedBulkUsers } from "@/lib/seed/bulk";

let acme: TestAccount;
let other: TestAccount;

beforeEach(async () => {
  ({ acme, other } = await twoTestAccounts());
  signInAs(acme.users.ADMIN);
});

async function exported(query = "") {
  const response = await GET(new NextRequest(`http://localhost/people/users/export${query}`));
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, text: new TextDecoder().decode(bytes) };
}

const rowsOf = (text: string) => Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;

it("exports the account's users with the list's filters, localized, formula-escaped", async () => {
  const db = getDb();
  const group = await db.userGroup.findFirstOrThrow({ where: { accountId: acme.account.id } });
  const member = await db.user.update({
    where: { id: acme.users.MEMBER.id },
    data: { firstName: "=HYPERLINK(\"http://evil\")", status: "SUSPENDED", groupId: group.id },
  });
  const subscriptions = await db.subscription.findMany({ where: { accountId: acme.account.id }, select: { id: true } });
  await db.licenceAssignment.createMany({
    data: subscriptions.map((s) => ({ accountId: acme.account.id, subscriptionId: s.id, userId: member.id })),
  });
  const all = await exported();
  expect(all.status).toBe(200);
  expect(all.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(all.headers.get("content-disposition")).toMatch(/^attachment; filename="users-\d{4}-\d{2}-\d{2}\.csv"$/);
  expect(all.bom).toBe(true); // spreadsheet programs then read the accents right
  const [header, ...rows] = rowsOf(all.text);
  expect(header).toEqual(["First name", "Last name", "Email", "Account role", "Status", "Products", "User group", "Date added", "Two-step"]);
  expect(rows.map((r) => r[2]).sort()).toEqual(Object.values(acme.users).map((u) => u.email).sort());
  expect(rows.find((r) => r[2] === acme.users.MEMBER.email)?.slice(0, 8)).toEqual([
    "'=HYPERLINK(\"http://evil\")", acme.users.MEMBER.lastName, acme.users.MEMBER.email, "Member", "Suspended",
    "LogMeIn Central, Remote Support", group.name, member.createdAt.toISOString(),
  ]);
  expect(rows.find((r) => r[2] === acme.users.ADMIN.email)?.slice(5, 7)).toEqual(["", ""]);

  const suspended = rowsOf((await exported("?status=SUSPENDED")).text).slice(1);
  expect(suspended.map((r) => r[2])).toEqual([acme.users.MEMBER.email]);
  // A malformed filter falls back to "any", as on the page; never another account's users.
  const odd = rowsOf((await exported(`?status=bogus&group=${other.account.id}`)).text).slice(1);
  expect(odd.every((r) => !r[2].includes(other.users.ADMIN.email))).toBe(true);
});

it("pages through thousands of users in batches; French headers and ';' for a French user", async () => {
  await seedBulkUsers(getDb(), { accountId: acme.account.id, users: 4_500 });
  await getDb().user.update({ where: { id: acme.users.ADMIN.id }, data: { locale: "fr" } });
  const { text } = await exported();
  const [header, ...rows] = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { delimiter: ";", skipEmptyLines: true }).data;
  expect(header[0]).toBe("Prénom");
  expect(rows).toHaveLength(4_504);
  expect(new Set(rows.map((r) => r[2])).size).toBe(4_504);
});

it("is refused (404) signed out and to members; support staff may export", async () => {
  signInAs(null);
  expect((await exported()).status).toBe(404);
  signInAs(acme.users.MEMBER);
  expect((await exported()).status).toBe(404);
  signInAs(acme.users.SUPPORT_STAFF);
  expect((await exported()).status).toBe(200);
});

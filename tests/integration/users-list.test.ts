import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createAccount } from "@/lib/seed/accounts";
import { countUsers } from "@/lib/users/counts";
import { listUsers, USERS_PAGE_SIZE } from "@/lib/users/list";
import { parseUserListParams, type UserListParams } from "@/lib/users/list-params";
import { userKeys } from "@/lib/users/search-key";

let accountId: string;
let otherId: string;
let helpdesk: string;

const params = (input: Record<string, string> = {}): UserListParams => parseUserListParams(input);
const names = (rows: { firstName: string; lastName: string }[]) => rows.map((u) => `${u.firstName} ${u.lastName}`);

beforeAll(async () => {
  const { account } = await createAccount(getDb(), {
    name: "List test",
    password: "a long test password",
    groups: ["Helpdesk", "Field"],
    seats: { central: 200, "remote-support": 10 },
    users: [
      { email: "zoe.orsted@acme.example", firstName: "Zoë", lastName: "Ørsted", role: "ADMIN", group: "Helpdesk", products: ["remote-support"] },
      { email: "jose@acme.example", firstName: "José", lastName: "Álvarez", status: "INVITED", group: "Field" },
      { email: "ANNA@Acme.example", firstName: "anna", lastName: "Berg", role: "SUPPORT_STAFF", products: ["central"] },
      { email: "percent@acme.example", firstName: "Fifty", lastName: "50% off", status: "SUSPENDED" },
      { email: "under@acme.example", firstName: "Under", lastName: "score_name", status: "SUSPENDED" },
      { email: "holder@acme.example", firstName: "Hana", lastName: "Holder", role: "ACCOUNT_HOLDER" },
      // 120 users with the same name: ties everywhere, for paging.
      ...Array.from({ length: 120 }, (_, i) => ({ email: `same${String(i).padStart(3, "0")}@acme.example`, firstName: "Sam", lastName: "Same" })),
    ],
  });
  accountId = account.id;
  helpdesk = (await getDb().userGroup.findFirstOrThrow({ where: { accountId, name: "Helpdesk" } })).id;
  const other = await createAccount(getDb(), {
    name: "Other", password: "a long test password",
    users: [{ email: "zoe.other@else.example", firstName: "Zoë", lastName: "Other", role: "ADMIN" }],
  });
  otherId = other.account.id;
});

describe("search", () => {
  it("matches name and email, ignoring case and accents", async () => {
    expect(names((await listUsers(getDb(), accountId, params({ q: "zoe" }))).users)).toEqual(["Zoë Ørsted"]);
    expect(names((await listUsers(getDb(), accountId, params({ q: "ALVAREZ" }))).users)).toEqual(["José Álvarez"]);
    expect(names((await listUsers(getDb(), accountId, params({ q: "jose alv" }))).users)).toEqual(["José Álvarez"]);
    expect(names((await listUsers(getDb(), accountId, params({ q: "anna@acme" }))).users)).toEqual(["anna Berg"]);
    expect(names((await listUsers(getDb(), accountId, params({ q: "orsted" }))).users)).toEqual(["Zoë Ørsted"]);
  });

  it("combines search with every filter", async () => {
    expect(await countUsers(getDb(), accountId, params({ q: "a", status: "INVITED" }))).toEqual({ value: 1, exact: true });
    expect(names((await listUsers(getDb(), accountId, params({ q: "a", role: "SUPPORT_STAFF" }))).users)).toEqual(["anna Berg"]);
    expect(names((await listUsers(getDb(), accountId, params({ q: "o", group: helpdesk }))).users)).toEqual(["Zoë Ørsted"]);
    expect(names((await listUsers(getDb(), accountId, params({ q: "zoe", group: "none" }))).users)).toEqual([]);
    expect(names((await listUsers(getDb(), accountId, params({ q: "e", product: "central" }))).users)).toEqual(["anna Berg"]);
  });

  it("takes % and _ literally", async () => {
    expect(names((await listUsers(getDb(), accountId, params({ q: "50%" }))).users)).toEqual(["Fifty 50% off"]);
    expect(names((await listUsers(getDb(), accountId, params({ q: "e_n" }))).users)).toEqual(["Under score_name"]);
    expect((await listUsers(getDb(), accountId, params({ q: "%" }))).users).toHaveLength(1);
  });

  it("never shows another account's users, whatever the URL says", async () => {
    const { users } = await listUsers(getDb(), accountId, params({ q: "zoe", group: "none", accountId: otherId }));
    expect(users.map((u) => u.email)).not.toContain("zoe.other@else.example");
    expect(await countUsers(getDb(), otherId, params())).toEqual({ value: 1, exact: true });
  });
});

describe("filters", () => {
  it("by status, role, group, no group and product, combined", async () => {
    expect(await countUsers(getDb(), accountId, params({ status: "SUSPENDED" }))).toEqual({ value: 2, exact: true });
    expect(await countUsers(getDb(), accountId, params({ status: "INVITED" }))).toEqual({ value: 1, exact: true });
    expect(names((await listUsers(getDb(), accountId, params({ role: "SUPPORT_STAFF" }))).users)).toEqual(["anna Berg"]);
    expect(names((await listUsers(getDb(), accountId, params({ group: helpdesk }))).users)).toEqual(["Zoë Ørsted"]);
    expect(await countUsers(getDb(), accountId, params({ group: "none" }))).toEqual({ value: 124, exact: true });
    expect(names((await listUsers(getDb(), accountId, params({ product: "remote-support" }))).users)).toEqual(["Zoë Ørsted"]);
    expect(names((await listUsers(getDb(), accountId, params({ product: "central", q: "berg" }))).users)).toEqual(["anna Berg"]);
    expect(await countUsers(getDb(), accountId, params({ product: "central", role: "ADMIN" }))).toEqual({ value: 0, exact: true });
    expect(await countUsers(getDb(), accountId, params({ product: "central", status: "SUSPENDED" }))).toEqual({ value: 0, exact: true });
  });

  it("lists each user's products and group", async () => {
    const [zoe] = (await listUsers(getDb(), accountId, params({ q: "zoe" }))).users;
    expect(zoe.products).toEqual([{ code: "remote-support", name: "Remote Support" }]);
    expect(zoe.group?.name).toBe("Helpdesk");
  });

  it("ignores malformed parameters instead of failing", async () => {
    const view = params({ status: "BOGUS", sort: "password", dir: "sideways", after: "not-a-cursor", group: "x" });
    expect(view).toMatchObject({ sort: "name", dir: "asc", status: undefined, group: undefined });
    expect((await listUsers(getDb(), accountId, view)).users).toHaveLength(USERS_PAGE_SIZE);
    const dashes = Buffer.from(JSON.stringify(["a", "-".repeat(36)])).toString("base64url"); // shaped like a uuid, isn't one
    expect((await listUsers(getDb(), accountId, params({ after: dashes }))).users).toHaveLength(USERS_PAGE_SIZE);
  });
});

describe("sort and keyset paging", () => {
  it("sorts by name case- and accent-insensitively, by email, and by date added", async () => {
    const byName = names((await listUsers(getDb(), accountId, params({ q: "a", sort: "name" }))).users.slice(0, 4));
    expect(byName.slice(0, 2)).toEqual(["anna Berg", "Fifty 50% off"]);
    const byEmailDesc = (await listUsers(getDb(), accountId, params({ sort: "email", dir: "desc" }))).users.map((u) => u.email);
    expect(byEmailDesc[0]).toBe("zoe.orsted@acme.example");
    const newest = (await listUsers(getDb(), accountId, params({ sort: "created", dir: "desc" }))).users[0];
    expect(newest.email).toBe("same119@acme.example");
  });

  for (const [sort, filter] of [["name", { q: "same" }], ["email", { q: "same" }], ["created", { q: "same" }], ["name", { role: "MEMBER", status: "ACTIVE", group: "none" }], ["created", { role: "MEMBER", status: "ACTIVE", group: "none" }]] as const) {
    it(`pages forward and back through ties without skipping or repeating (${sort}, ${Object.keys(filter).join("+")})`, async () => {
      const seen: string[] = [];
      const pages: { ids: string[]; previous?: string }[] = [];
      let next: string | undefined;
      do {
        const page = await listUsers(getDb(), accountId, params({ sort, ...filter, ...(next && { after: next }) }));
        pages.push({ ids: page.users.map((u) => u.id), previous: page.previousCursor });
        seen.push(...page.users.map((u) => u.id));
        next = page.nextCursor;
      } while (next);
      expect(pages.map((p) => p.ids.length)).toEqual([50, 50, 20]);
      expect(new Set(seen).size).toBe(120);
      expect(pages[0].previous).toBeUndefined();

      // Back from the last page gives exactly the middle page, then the first.
      const back = await listUsers(getDb(), accountId, params({ sort, ...filter, before: pages[2].previous! }));
      expect(back.users.map((u) => u.id)).toEqual(pages[1].ids);
      const first = await listUsers(getDb(), accountId, params({ sort, ...filter, before: back.previousCursor! }));
      expect(first.users.map((u) => u.id)).toEqual(pages[0].ids);
      expect(first.previousCursor).toBeUndefined();
      expect(first.nextCursor).toBeDefined();
    });
  }
});

it("keeps every user's search keys in step with their name and email", async () => {
  const users = await getDb().user.findMany({ where: { accountId }, select: { firstName: true, lastName: true, email: true, nameKey: true, searchText: true } });
  for (const u of users) expect({ nameKey: u.nameKey, searchText: u.searchText }).toEqual(userKeys(u));
});

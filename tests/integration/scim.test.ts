// SCIM 2.0 conformance, Users: the request sequences of Okta's SCIM 2.0 test plan (Runscope) and of
// Microsoft Entra ID's SCIM validator, replayed against the route handlers, each case named after
// the vendor's. Groups come with the next part of the issue.
import crypto from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { createTestAccount, type TestAccount } from "../support/accounts";
import { scimApi } from "../support/api-client";
import { createTestToken, type TestToken } from "../support/api-tokens";
import { databaseFingerprint } from "../support/db-snapshot";
import { parseFilter } from "@/http/scim/filter";
import { getDb } from "@/lib/db/client";

let acme: TestAccount;
let other: TestAccount;
let token: TestToken;

beforeEach(async () => {
  acme = await createTestAccount("Acme");
  other = await createTestAccount("Other");
  token = await createTestToken(acme, { ceiling: "ADMIN", scopes: ["SCIM"], name: "Okta" });
});

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
const unique = () => crypto.randomBytes(4).toString("hex");
const call = (method: string, path: string, body?: unknown) => scimApi(method, path, { token: token.secret, body });

type ScimUser = { id: string; userName: string; active: boolean; externalId?: string; name: { givenName: string; familyName: string }; emails: { value: string }[] };
type List = { schemas: string[]; totalResults: number; startIndex: number; itemsPerPage: number; Resources: ScimUser[] };

/** Okta's test user, as its test plan posts it. */
function oktaUser(email = `test.user.${unique()}@okta.local`) {
  return {
    schemas: [USER],
    userName: email,
    name: { givenName: "Test", familyName: "User" },
    emails: [{ primary: true, value: email, type: "work" }],
    displayName: "Test User",
    locale: "en-US",
    externalId: `00u${unique()}`,
    groups: [],
    password: "1mP@ssw0rd",
    active: true,
  };
}

/** Entra's validator's user: string booleans, the enterprise extension, attributes this app doesn't keep. */
function entraUser() {
  const email = `${unique()}@contoso.example`;
  return {
    schemas: [USER, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
    externalId: unique(),
    userName: email,
    active: true,
    emails: [{ primary: true, type: "work", value: email }],
    meta: { resourceType: "User" },
    name: { formatted: "Kiara Lowell", familyName: "Lowell", givenName: "Kiara" },
    title: "Engineer",
    phoneNumbers: [{ type: "work", value: "+1 555 0100" }],
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: "IT", manager: { value: "" } },
  };
}

describe("Okta SCIM 2.0 test plan", () => {
  it("Required Test: Test Users endpoint — GET /Users?count=1&startIndex=1 answers a ListResponse", async () => {
    const answer = await call("GET", "/Users?count=1&startIndex=1");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^application\/scim\+json/);
    const list = answer.body as List;
    expect(list).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], startIndex: 1, itemsPerPage: 1 });
    expect(list.totalResults).toBe(4); // the account's four users
    expect(list.Resources[0]).toMatchObject({ schemas: [USER], id: expect.any(String), userName: expect.any(String) });
  });

  it("Required Test: Get Users/{{id}} ", async () => {
    const answer = await call("GET", `/Users/${acme.users.MEMBER.id}`);
    expect(answer.body).toMatchObject({ id: acme.users.MEMBER.id, userName: acme.users.MEMBER.email, active: true, emails: [{ value: acme.users.MEMBER.email, type: "work", primary: true }] });
  });

  it("Required Test: Test invalid User by username — filter=userName eq \"<random>\" is an empty list", async () => {
    const list = (await call("GET", `/Users?filter=${encodeURIComponent(`userName eq "${unique()}@okta.local"`)}`)).body as List;
    expect(list).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it("Required Test: Test invalid User by ID — 00919288221112222 is a 404 in the Error schema", async () => {
    const answer = await call("GET", "/Users/00919288221112222");
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ schemas: [ERROR], status: "404" });
  });

  it("Required Test: Make sure random user doesn't exist, create it (201), then check it exists; a second POST is a 409 uniqueness", async () => {
    const user = oktaUser();
    const created = await call("POST", "/Users", user);
    expect(created.status, created.text).toBe(201);
    const body = created.body as ScimUser & { meta: { location: string } };
    expect(body).toMatchObject({ userName: user.userName, active: true, externalId: user.externalId, name: { givenName: "Test", familyName: "User" } });
    expect(created.headers.get("location")).toBe(body.meta.location);
    const stored = await getDb().user.findUniqueOrThrow({ where: { email: user.userName } });
    expect(stored).toMatchObject({ accountId: acme.account.id, status: "INVITED", role: "MEMBER", passwordHash: null }); // Okta's password is not taken
    expect(await getDb().outboxEmail.count({ where: { recipient: user.userName, kind: "welcome" } })).toBe(1);

    const found = (await call("GET", `/Users?filter=${encodeURIComponent(`userName eq "${user.userName}"`)}`)).body as List;
    expect(found.Resources.map((r) => r.id)).toEqual([body.id]);

    const again = await call("POST", "/Users", user);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ schemas: [ERROR], status: "409", scimType: "uniqueness" });
  });

  it("Required Test: Username Case Sensitivity Check — a filter in another case finds the user", async () => {
    const user = oktaUser();
    await call("POST", "/Users", user);
    const list = (await call("GET", `/Users?filter=${encodeURIComponent(`userName eq "${user.userName.toUpperCase()}"`)}`)).body as List;
    expect(list.totalResults).toBe(1);
  });

  it("Optional Test: Verify Groups endpoint — a ListResponse of the account's groups", async () => {
    const answer = await call("GET", "/Groups?count=1&startIndex=1");
    expect(answer.headers.get("content-type")).toMatch(/^application\/scim\+json/);
    const list = answer.body as { totalResults: number; Resources: { displayName: string }[] };
    expect(list.totalResults).toBe(1); // Helpdesk
    expect(list.Resources[0]).toMatchObject({ displayName: "Helpdesk" });
  });

  it("Deactivate and reactivate: PATCH active false suspends (sessions end), still listed; true reactivates", async () => {
    const member = acme.users.MEMBER;
    const off = await call("PATCH", `/Users/${member.id}`, { schemas: [PATCH], Operations: [{ op: "replace", value: { active: false } }] });
    expect(off.body).toMatchObject({ active: false });
    expect(await getDb().user.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({ status: "SUSPENDED" });
    expect(await getDb().session.count({ where: { userId: member.id, revokedAt: null } })).toBe(0);
    const listed = (await call("GET", `/Users?filter=${encodeURIComponent(`userName eq "${member.email}"`)}`)).body as List;
    expect(listed.Resources[0]).toMatchObject({ id: member.id, active: false });
    const on = await call("PATCH", `/Users/${member.id}`, { schemas: [PATCH], Operations: [{ op: "Replace", path: "active", value: true }] });
    expect(on.body).toMatchObject({ active: true });
  });

  it("refuses a bad token with 401 in the Error schema", async () => {
    const answer = await scimApi("GET", "/Users", { token: `ca_${crypto.randomBytes(32).toString("base64url")}` });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ schemas: [ERROR], status: "401" });
    expect((await scimApi("GET", "/Users", { token: token.secret, bare: true })).status).toBe(200); // Okta's header mode
  });
});

describe("Microsoft Entra ID SCIM validator", () => {
  it("Create a new User, then filter it by userName, externalId and the work email", async () => {
    const user = entraUser();
    const created = await call("POST", "/Users", user);
    expect(created.status, created.text).toBe(201);
    const { id } = created.body as ScimUser;
    for (const filter of [`userName eq "${user.userName}"`, `externalId eq "${user.externalId}"`, `emails[type eq "work"].value eq "${user.userName}"`, `USERNAME EQ "${user.userName}"`]) {
      const list = (await call("GET", `/Users?filter=${encodeURIComponent(filter)}`)).body as List;
      expect(list.Resources.map((r) => r.id), filter).toEqual([id]);
    }
  });

  it("Replace User verbose request: string booleans, dotted pathless keys, an empty value clearing an attribute", async () => {
    const { id } = (await call("POST", "/Users", entraUser())).body as ScimUser;
    const patched = await call("PATCH", `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [
        { op: "Replace", path: "name.givenName", value: "Kiera" },
        { op: "replace", value: { "name.familyName": "Lowel", active: "False", title: "Manager" } },
        { op: "Add", path: "externalId", value: "ext-2" },
      ],
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ name: { givenName: "Kiera", familyName: "Lowel" }, active: false, externalId: "ext-2" });
    const cleared = await call("PATCH", `/Users/${id}`, { schemas: [PATCH], Operations: [{ op: "remove", path: "externalId" }, { op: "replace", path: "name.familyName", value: null }] });
    expect(cleared.body).toMatchObject({ name: { familyName: "" } });
    expect((cleared.body as ScimUser).externalId).toBeUndefined();
    const events = await getDb().auditEvent.findMany({ where: { targetId: id } });
    for (const e of events) expect(e.actorTokenId).toBe(token.id);
  });

  it("PUT replaces a user; a changed userName is 400 mutability and changes nothing", async () => {
    const user = entraUser();
    const { id } = (await call("POST", "/Users", user)).body as ScimUser;
    const put = await call("PUT", `/Users/${id}`, { ...user, name: { givenName: "Kia" }, active: "true" });
    expect(put.body).toMatchObject({ name: { givenName: "Kia", familyName: "" }, active: true });
    const before = await getDb().user.findUniqueOrThrow({ where: { id } });
    const renamed = await call("PUT", `/Users/${id}`, { ...user, userName: `new-${user.userName}` });
    expect(renamed.status).toBe(400);
    expect(renamed.body).toMatchObject({ status: "400", scimType: "mutability" });
    const patched = await call("PATCH", `/Users/${id}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "userName", value: "other@contoso.example" }] });
    expect(patched.body).toMatchObject({ scimType: "mutability" });
    expect(await getDb().user.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });

  it("Pagination over 11 users with count=5: stable order, integer totals, no user twice", async () => {
    for (let i = 0; i < 7; i++) await call("POST", "/Users", entraUser());
    const seen: string[] = [];
    for (const startIndex of [1, 6, 11]) {
      const page = (await call("GET", `/Users?startIndex=${startIndex}&count=5`)).body as List;
      expect(page.totalResults).toBe(11);
      expect(page.startIndex).toBe(startIndex);
      seen.push(...page.Resources.map((r) => r.id));
    }
    expect(seen).toHaveLength(11);
    expect(new Set(seen).size).toBe(11);
  });

  it("Delete User: 204, licences freed, then 404", async () => {
    const { id } = (await call("POST", "/Users", entraUser())).body as ScimUser;
    const subscription = await getDb().subscription.findFirstOrThrow({ where: { accountId: acme.account.id, product: { code: "central" } } });
    await getDb().licenceAssignment.create({ data: { accountId: acme.account.id, subscriptionId: subscription.id, userId: id } });
    expect((await call("DELETE", `/Users/${id}`)).status).toBe(204);
    expect(await getDb().licenceAssignment.count({ where: { userId: id } })).toBe(0);
    expect((await getDb().subscription.findUniqueOrThrow({ where: { id: subscription.id } })).seatsUsed).toBe(0);
    expect((await call("GET", `/Users/${id}`)).status).toBe(404);
    expect((await call("DELETE", `/Users/${id}`)).status).toBe(404);
  });
});

describe("Microsoft Entra ID SCIM validator: groups", () => {
  const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
  type Group = { id: string; displayName: string; members?: { value: string }[] };
  const memberIds = async (id: string) => ((await call("GET", `/Groups/${id}`)).body as Group).members!.map((m) => m.value).sort();

  it("Create Group, filter by displayName (without members), rename, add and remove members, delete", async () => {
    const [a, b, c] = [acme.users.MEMBER.id, acme.users.SUPPORT_STAFF.id, acme.users.ADMIN.id];
    const created = await call("POST", "/Groups", { schemas: [GROUP], displayName: "Night shift", externalId: "g-1", members: [{ value: a }] });
    expect(created.status, created.text).toBe(201);
    const { id } = created.body as Group;
    expect(await memberIds(id)).toEqual([a]);

    const filtered = await call("GET", `/Groups?filter=${encodeURIComponent('displayName eq "Night shift"')}&excludedAttributes=members`);
    const list = filtered.body as { totalResults: number; Resources: Group[] };
    expect(list.totalResults).toBe(1);
    expect(list.Resources[0]).toMatchObject({ id, displayName: "Night shift" });
    expect(list.Resources[0]).not.toHaveProperty("members");
    expect(((await call("GET", `/Groups?filter=${encodeURIComponent('externalId eq "g-1"')}`)).body as { totalResults: number }).totalResults).toBe(1);

    const renamed = await call("PATCH", `/Groups/${id}`, { schemas: [PATCH], Operations: [{ op: "Replace", path: "displayName", value: "Day shift" }] });
    expect(renamed.body).toMatchObject({ displayName: "Day shift" });

    await call("PATCH", `/Groups/${id}`, { schemas: [PATCH], Operations: [{ op: "Add", path: "members", value: [{ value: b }, { value: c }] }] });
    expect(await memberIds(id)).toEqual([a, b, c].sort());
    // Removing one member by filter, and one by value, leaves the others.
    await call("PATCH", `/Groups/${id}`, { schemas: [PATCH], Operations: [{ op: "Remove", path: `members[value eq "${b}"]` }] });
    expect(await memberIds(id)).toEqual([a, c].sort());
    await call("PATCH", `/Groups/${id}`, { schemas: [PATCH], Operations: [{ op: "remove", path: "members", value: [{ value: c }] }] });
    expect(await memberIds(id)).toEqual([a]);
    const events = await getDb().auditEvent.findMany({ where: { accountId: acme.account.id, action: { in: ["group.create", "group.rename", "user.group.change"] } } });
    expect(events.length).toBeGreaterThan(3);
    for (const e of events) expect(e.actorTokenId).toBe(token.id);

    expect((await call("DELETE", `/Groups/${id}`)).status).toBe(204);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: a } })).groupId).toBeNull();
    expect((await call("GET", `/Groups/${id}`)).status).toBe(404);
  });

  it("refuses a taken displayName (409), a member of another account (400) and another account's group (404), changing nothing", async () => {
    const helpdesk = await getDb().userGroup.findFirstOrThrow({ where: { accountId: acme.account.id } });
    expect((await call("POST", "/Groups", { schemas: [GROUP], displayName: "HELPDESK" })).body).toMatchObject({ status: "409", scimType: "uniqueness" });
    const before = await databaseFingerprint();
    const foreign = await call("PATCH", `/Groups/${helpdesk.id}`, { schemas: [PATCH], Operations: [{ op: "add", path: "members", value: [{ value: other.users.MEMBER.id }] }] });
    expect(foreign.status).toBe(400);
    const theirs = await getDb().userGroup.findFirstOrThrow({ where: { accountId: other.account.id } });
    expect((await call("PATCH", `/Groups/${theirs.id}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "displayName", value: "Mine" }] })).status).toBe(404);
    expect((await call("DELETE", `/Groups/${theirs.id}`)).status).toBe(404);
    const after = await databaseFingerprint();
    expect(after["public.UserGroup"]).toEqual(before["public.UserGroup"]);
    expect(after["public.User"]).toEqual(before["public.User"]);
  });

  it("Settings › Provisioning: a group's product follows its members within the seats; a shortage refuses the whole request", async () => {
    const helpdesk = await getDb().userGroup.findFirstOrThrow({ where: { accountId: acme.account.id } });
    const remote = await getDb().subscription.findFirstOrThrow({ where: { accountId: acme.account.id, product: { code: "remote-support" } } }); // 2 seats
    await getDb().provisioningRule.create({ data: { accountId: acme.account.id, groupId: helpdesk.id, subscriptionId: remote.id } });
    const [a, b, c] = [acme.users.MEMBER.id, acme.users.SUPPORT_STAFF.id, acme.users.ADMIN.id];
    const add = (ids: string[]) => call("PATCH", `/Groups/${helpdesk.id}`, { schemas: [PATCH], Operations: [{ op: "add", path: "members", value: ids.map((value) => ({ value })) }] });
    const holders = async () => (await getDb().licenceAssignment.findMany({ where: { subscriptionId: remote.id }, select: { userId: true } })).map((r) => r.userId).sort();
    expect((await add([a, b])).status).toBe(200);
    expect(await holders()).toEqual([a, b].sort());
    const before = await databaseFingerprint();
    const full = await add([c]);
    expect(full.status).toBe(409);
    expect(full.body).toMatchObject({ schemas: [ERROR], status: "409" });
    expect(await databaseFingerprint()).toEqual({ ...before, "public.ApiToken": expect.anything(), "public.ApiRateWindow": expect.anything() });
    await call("PATCH", `/Groups/${helpdesk.id}`, { schemas: [PATCH], Operations: [{ op: "remove", path: `members[value eq "${a}"]` }] });
    expect(await holders()).toEqual([b]);
    expect((await add([c])).status).toBe(200);
    expect(await holders()).toEqual([b, c].sort());
  });

  it("PUT replaces the member list", async () => {
    const [a, b] = [acme.users.MEMBER.id, acme.users.SUPPORT_STAFF.id];
    const { id } = (await call("POST", "/Groups", { schemas: [GROUP], displayName: "Put", members: [{ value: a }] })).body as Group;
    const put = await call("PUT", `/Groups/${id}`, { schemas: [GROUP], displayName: "Put 2", members: [{ value: b }] });
    expect(put.body).toMatchObject({ displayName: "Put 2" });
    expect(await memberIds(id)).toEqual([b]);
  });
});

describe("SCIM's rules and abuse cases", () => {
  it("keeps to the token's account: another account's user is 404 everywhere, lists hold none of them", async () => {
    const theirs = other.users.MEMBER;
    const before = await databaseFingerprint();
    for (const [method, body] of [["GET"], ["PATCH", { schemas: [PATCH], Operations: [{ op: "replace", value: { active: false } }] }], ["PUT", { userName: theirs.email, name: { givenName: "X" } }], ["DELETE"]] as const) {
      const answer = await call(method, `/Users/${theirs.id}`, body);
      expect(answer.status, method).toBe(404);
      expect(answer.text).not.toContain(theirs.email);
    }
    const byName = (await call("GET", `/Users?filter=${encodeURIComponent(`userName eq "${theirs.email}"`)}`)).body as List;
    expect(byName.totalResults).toBe(0);
    const after = await databaseFingerprint();
    expect(after["public.User"]).toEqual(before["public.User"]);
  });

  it("needs the SCIM scope (or none) and a ceiling that manages users; a REST-only token is refused", async () => {
    const rest = await createTestToken(acme, { scopes: ["USERS"] });
    expect((await scimApi("GET", "/Users", { token: rest.secret })).status).toBe(403);
    const none = await createTestToken(acme);
    expect((await scimApi("GET", "/Users", { token: none.secret })).status).toBe(200);
    const support = await createTestToken(acme, { ceiling: "SUPPORT_STAFF", scopes: ["SCIM"] });
    expect((await scimApi("GET", "/Users", { token: support.secret })).status).toBe(200);
    const refused = await scimApi("POST", "/Users", { token: support.secret, body: oktaUser() });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ schemas: [ERROR], status: "403" });
  });

  it("never provisions over someone of another account: their email is a uniqueness conflict, no transfer invitation", async () => {
    const answer = await call("POST", "/Users", { ...oktaUser(other.users.MEMBER.email) });
    expect(answer.status).toBe(409);
    expect(await getDb().invitation.count({ where: { userId: other.users.MEMBER.id } })).toBe(0);
  });

  it("refuses an externalId already given to another user (409), an invalid userName and hostile names (400), storing nothing", async () => {
    const first = oktaUser();
    await call("POST", "/Users", first);
    const before = await databaseFingerprint();
    expect((await call("POST", "/Users", { ...oktaUser(), externalId: first.externalId })).body).toMatchObject({ status: "409", scimType: "uniqueness" });
    expect((await call("POST", "/Users", { ...oktaUser(), userName: "not an email" })).body).toMatchObject({ status: "400", scimType: "invalidValue" });
    expect((await call("POST", "/Users", { ...oktaUser(), name: { givenName: "A\u0000B" } })).body).toMatchObject({ status: "400" });
    expect((await call("POST", "/Users", { ...oktaUser(), name: { givenName: "x".repeat(51) } })).body).toMatchObject({ status: "400" });
    expect((await scimApi("POST", "/Users", { token: token.secret, raw: "{oops", headers: { "content-type": "application/scim+json" } })).body).toMatchObject({ status: "400", scimType: "invalidSyntax" });
    expect((await scimApi("POST", "/Users", { token: token.secret, raw: "userName=x", headers: { "content-type": "text/plain" } })).status).toBe(415);
    const after = await databaseFingerprint();
    expect(after["public.User"]).toEqual(before["public.User"]);
  });


  it("a race: the same person posted twice at once is one user and a 409; one externalId for two people at once is one user and a 409", async () => {
    const person = oktaUser();
    const same = await Promise.all([call("POST", "/Users", person), call("POST", "/Users", person)]);
    expect(same.map((answer) => answer.status).sort()).toEqual([201, 409]);
    expect(await getDb().user.count({ where: { email: person.userName } })).toBe(1);

    const externalId = `00u${unique()}`;
    const two = await Promise.all([call("POST", "/Users", { ...oktaUser(), externalId }), call("POST", "/Users", { ...oktaUser(), externalId })]);
    expect(two.map((answer) => answer.status).sort()).toEqual([201, 409]);
    expect(await getDb().scimUser.count({ where: { accountId: acme.account.id, externalId } })).toBe(1);
  });
  it("refuses filters it can't honour (another operator, an unknown attribute, broken syntax, injection) with 400 invalidFilter", async () => {
    for (const filter of ['userName sw "a"', 'title eq "x"', "userName eq", `userName eq "x" or 1=1`, `userName eq "x"; DROP TABLE "User"`]) {
      const answer = await call("GET", `/Users?filter=${encodeURIComponent(filter)}`);
      expect(answer.status, filter).toBe(400);
      expect(answer.body, filter).toMatchObject({ scimType: "invalidFilter" });
    }
    expect(await getDb().user.count({ where: { accountId: acme.account.id } })).toBe(4);
  });

  it("reads filters as identity providers write them", () => {
    expect(parseFilter('userName eq "a@b.c" and externalId eq 123')).toEqual([{ path: "username", value: "a@b.c" }, { path: "externalid", value: 123 }]);
    expect(parseFilter('emails[type eq "work"].value eq "Q@x.y"')).toEqual([{ path: "emails.value", value: "Q@x.y" }]);
    expect(parseFilter("userName Eq bare@x.y")).toEqual([{ path: "username", value: "bare@x.y" }]);
    expect(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "u"')).toEqual([{ path: "username", value: "u" }]);
  });

  it("projects attributes and excludedAttributes", async () => {
    const answer = await call("GET", `/Users/${acme.users.MEMBER.id}?attributes=userName`);
    expect(Object.keys(answer.body as object).sort()).toEqual(["id", "meta", "schemas", "userName"]);
    const without = await call("GET", `/Users/${acme.users.MEMBER.id}?excludedAttributes=groups,emails`);
    expect(without.body).not.toHaveProperty("groups");
    expect(without.body).not.toHaveProperty("emails");
  });

  it("describes itself: ServiceProviderConfig, Schemas, ResourceTypes", async () => {
    expect((await call("GET", "/ServiceProviderConfig")).body).toMatchObject({ patch: { supported: true }, filter: { supported: true } });
    expect(((await call("GET", "/Schemas")).body as { Resources: { id: string }[] }).Resources.map((r) => r.id)).toContain(USER);
    expect(((await call("GET", "/ResourceTypes")).body as { Resources: { id: string }[] }).Resources.map((r) => r.id)).toEqual(["User", "Group"]);
  });
});

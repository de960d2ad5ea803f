// The REST API (/api/v1) through its route handlers: tokens, refusals as problems, the same rules
// as the pages (ceilings, scopes, target rank, seats), the audit naming the token, rate limits, and
// the OpenAPI document matching both the route files and the answers.
import crypto from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createTestAccount, type TestAccount } from "../support/accounts";
import { api, apiRouteFiles } from "../support/api-client";
import { createTestToken, type TestToken } from "../support/api-tokens";
import { databaseFingerprint } from "../support/db-snapshot";
import { OPERATIONS } from "@/http/v1/operations";
import { openApiDocument } from "@/http/v1/openapi";
import { apiUserDetailSchema, apiUserSchema } from "@/http/v1/users";
import { getDb } from "@/lib/db/client";
import { reflectImport } from "@/lib/imports/reflect";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";

let acme: TestAccount;
let other: TestAccount;
let token: TestToken;

beforeEach(async () => {
  acme = await createTestAccount("Acme");
  other = await createTestAccount("Other");
  token = await createTestToken(acme, { ceiling: "ADMIN", name: "Deploy" });
});
afterEach(() => vi.unstubAllEnvs());

const problemOf = (code: string, status: number, fields: Record<string, unknown> = {}) => expect.objectContaining({ type: `urn:central-admin:problem:${code}`, status, ...fields });
const newRow = () => ({ firstName: "Grace", lastName: "Hopper", email: `grace-${crypto.randomBytes(3).toString("hex")}@test.example` });
const settings = { products: [], timeZone: "UTC", groupId: "none", locale: "en", role: "MEMBER" };

describe("tokens", () => {
  it("accepts `Bearer <token>` in any case and the bare token (Okta's header mode)", async () => {
    expect((await api("GET", "/users", { token: token.secret })).status).toBe(200);
    expect((await api("GET", "/users", { headers: { authorization: `bearer ${token.secret}` } })).status).toBe(200);
    expect((await api("GET", "/users", { token: token.secret, bare: true })).status).toBe(200);
  });

  it("refuses a missing, malformed, guessed, revoked or expired token, or one whose creator is suspended, with 401 and the reason", async () => {
    const revoked = await createTestToken(acme, { revokedAt: new Date() });
    const expired = await createTestToken(acme, { expiresAt: new Date(Date.now() - 1000) });
    const orphan = await createTestToken(acme, { creator: "ADMIN" });
    await getDb().user.update({ where: { id: acme.users.ADMIN.id }, data: { status: "SUSPENDED" } });
    const guessed = `ca_${crypto.randomBytes(32).toString("base64url")}`;
    const cases: [string | null, string, string][] = [
      [null, "tokenMissing", en.api.tokenMissing],
      ["not-a-token", "tokenInvalid", en.api.tokenInvalid],
      [guessed, "tokenInvalid", en.api.tokenInvalid],
      [`${token.secret}x`, "tokenInvalid", en.api.tokenInvalid],
      [revoked.secret, "tokenRevoked", en.api.tokenRevoked],
      [expired.secret, "tokenExpired", en.api.tokenExpired],
      [orphan.secret, "tokenCreatorInactive", en.api.tokenCreatorInactive],
    ];
    for (const [secret, code, detail] of cases) {
      const answer = await api("GET", "/users", { token: secret });
      expect(answer.status, code).toBe(401);
      expect(answer.body).toEqual(problemOf(code, 401, { detail }));
      expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(answer.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    }
  });

  it("acts with the lower of the ceiling and the creator's role now: a demoted creator's token loses what they lost", async () => {
    const before = await getDb().user.count({ where: { accountId: acme.account.id } });
    await getDb().user.update({ where: { id: acme.users.ACCOUNT_HOLDER.id }, data: { role: "SUPPORT_STAFF" } });
    // (A second holder keeps the account valid; the token's creator is now Support staff.)
    await getDb().user.update({ where: { id: acme.users.ADMIN.id }, data: { role: "ACCOUNT_HOLDER" } });
    expect((await api("GET", "/users", { token: token.secret })).status).toBe(200);
    const refused = await api("POST", "/users", { token: token.secret, body: { rows: [newRow()], ...settings } });
    expect(refused.body).toEqual(problemOf("forbidden", 403, { detail: en.errors.forbidden }));
    expect(await getDb().user.count({ where: { accountId: acme.account.id } })).toBe(before);
  });

  it("notes the last use (time and client address) at most once a minute", async () => {
    await api("GET", "/users", { token: token.secret, ip: "192.0.2.44" });
    const first = await getDb().apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(first.lastUsedAt).toBeInstanceOf(Date);
    expect(first.lastUsedFrom).toBe("192.0.2.44");
    await api("GET", "/users", { token: token.secret, ip: "192.0.2.45" });
    expect(await getDb().apiToken.findUniqueOrThrow({ where: { id: token.id } })).toMatchObject({ lastUsedAt: first.lastUsedAt, lastUsedFrom: "192.0.2.44" });
  });

  it("counts requests per token and minute: RateLimit headers, then 429 with Retry-After, another token unaffected", async () => {
    vi.stubEnv("API_REQUESTS_PER_MINUTE", "3");
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await api("GET", "/users", { token: token.secret }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers[0].headers.get("ratelimit-limit")).toBe("3");
    expect(answers[0].headers.get("ratelimit-remaining")).toBe("2");
    expect(Number(answers[3].headers.get("retry-after"))).toBeGreaterThan(0);
    expect(answers[3].body).toEqual(problemOf("rateLimited", 429));
    const second = await createTestToken(acme);
    expect((await api("GET", "/users", { token: second.secret })).status).toBe(200);
  });

  it("holds the limit under concurrent requests: of 12 at once with a limit of 5, exactly 5 get through", async () => {
    vi.stubEnv("API_REQUESTS_PER_MINUTE", "5");
    const statuses = await Promise.all(Array.from({ length: 12 }, () => api("GET", "/users", { token: token.secret }).then((a) => a.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });
});

describe("users", () => {
  it("lists the token's account only, in the documented shape, with the page's filters and a cursor", async () => {
    const answer = await api("GET", "/users?sort=email", { token: token.secret });
    expect(answer.status).toBe(200);
    const page = z.object({ data: z.array(apiUserSchema), nextCursor: z.string().nullable(), previousCursor: z.string().nullable() }).parse(answer.body);
    expect(page.data.map((u) => u.email).sort()).toEqual(Object.values(acme.users).map((u) => u.email).sort());
    expect(answer.text).not.toContain(other.users.ADMIN.email);

    const admins = (await api("GET", "/users?role=ADMIN", { token: token.secret })).body as { data: { id: string }[] };
    expect(admins.data.map((u) => u.id)).toEqual([acme.users.ADMIN.id]);
  });

  it("refuses a filter that isn't one with 422 and the field's message (a dropped filter would widen the list)", async () => {
    const answer = await api("GET", "/users?status=SLEEPING", { token: token.secret });
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual(problemOf("invalid", 422, { errors: { status: [expect.any(String)] } }));
  });

  it("pages with nextCursor", async () => {
    for (let i = 0; i < 55; i++) {
      const email = `bulk-${i}-${crypto.randomBytes(2).toString("hex")}@test.example`;
      await getDb().user.create({ data: { accountId: acme.account.id, email, firstName: `Bulk ${String(i).padStart(2, "0")}`, nameKey: `bulk ${String(i).padStart(2, "0")}`, searchText: email } });
    }
    const first = (await api("GET", "/users?sort=created", { token: token.secret })).body as { data: { id: string }[]; nextCursor: string };
    expect(first.data).toHaveLength(50);
    const second = (await api("GET", `/users?sort=created&after=${first.nextCursor}`, { token: token.secret })).body as { data: { id: string }[]; nextCursor: string | null };
    expect(second.data).toHaveLength(59 - 50);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.data, ...second.data].map((u) => u.id)).size).toBe(59);
  });

  it("gets a user of the account; another account's, an unknown or a malformed id is 404", async () => {
    const answer = await api("GET", `/users/${acme.users.MEMBER.id}`, { token: token.secret });
    expect(answer.status).toBe(200);
    expect(apiUserDetailSchema.parse(answer.body)).toMatchObject({ id: acme.users.MEMBER.id, capabilities: { remoteControl: true } });
    for (const id of [other.users.MEMBER.id, crypto.randomUUID(), "00919288221112222", "../users"]) {
      const missing = await api("GET", `/users/${encodeURIComponent(id)}`, { token: token.secret });
      expect(missing.status, id).toBe(404);
      expect(missing.text).not.toContain(other.users.MEMBER.email);
    }
  });

  it("adds users as Add user does: 201 with the rows' outcomes, a welcome email, the audit naming the token", async () => {
    const row = newRow();
    const answer = await api("POST", "/users", { token: token.secret, body: { rows: [row], ...settings } });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ rows: [{ row: 1, email: row.email, outcome: "created" }], created: 1, transferInvited: 0, skipped: 0 });
    const user = await getDb().user.findUniqueOrThrow({ where: { email: row.email } });
    expect(user).toMatchObject({ accountId: acme.account.id, status: "INVITED", role: "MEMBER" });
    expect(await getDb().outboxEmail.count({ where: { recipient: row.email, kind: "welcome" } })).toBe(1);
    const events = await getDb().auditEvent.findMany({ where: { accountId: acme.account.id, targetId: user.id } });
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(event).toMatchObject({ actorId: acme.users.ACCOUNT_HOLDER.id, actorTokenId: token.id });
    // A person's change in the same database afterwards is not the token's.
    const later = await getDb().auditEvent.create({ data: { accountId: acme.account.id, action: "test.person" } });
    expect(later.actorTokenId).toBeNull();
  });

  it("refuses bad bodies with a clear 4xx, localized, and stores nothing", async () => {
    const before = await databaseFingerprint();
    const cases: { body?: unknown; raw?: string; headers?: Record<string, string>; status: number; code: string }[] = [
      { raw: "{not json", headers: { "content-type": "application/json" }, status: 400, code: "malformedJson" },
      { raw: "[1,2]", headers: { "content-type": "application/json" }, status: 400, code: "notAnObject" },
      { raw: "firstName=Grace", headers: { "content-type": "application/x-www-form-urlencoded" }, status: 415, code: "unsupportedMediaType" },
      { raw: JSON.stringify({ rows: [newRow()], ...settings, pad: "x".repeat(2 * 1024 * 1024) }), headers: { "content-type": "application/json" }, status: 413, code: "tooLarge" },
      { body: { rows: [{ ...newRow(), email: "not an email" }], ...settings }, status: 422, code: "invalid" },
      { body: { rows: [], ...settings }, status: 422, code: "invalid" },
      { body: { rows: [{ ...newRow(), firstName: "a\u0000b" }], ...settings }, status: 422, code: "invalid" },
    ];
    for (const c of cases) {
      const answer = await api("POST", "/users", { token: token.secret, body: c.body, raw: c.raw, headers: { ...c.headers, "accept-language": "fr-FR,fr;q=0.9" } });
      expect(answer.status, c.code).toBe(c.status);
      expect(answer.body, c.code).toEqual(problemOf(c.code, c.status));
    }
    const invalid = await api("POST", "/users", { token: token.secret, body: { rows: [{ ...newRow(), email: "nope" }], ...settings }, headers: { "accept-language": "fr" } });
    expect(invalid.body).toMatchObject({ detail: fr.api.invalid, errors: { "rows.0.email": [fr.validation.email] } });
    expect(await databaseFingerprint()).toEqual({ ...before, "public.ApiToken": expect.anything(), "public.ApiRateWindow": expect.anything() });
  });

  it("keeps the rules of the pages: no role above the token's, nobody above it touched, seats not over-assigned", async () => {
    const before = await getDb().user.count({ where: { accountId: acme.account.id } });
    const holder = await api("POST", "/users", { token: token.secret, body: { rows: [newRow()], ...settings, role: "ACCOUNT_HOLDER" } });
    expect(holder.body).toEqual(problemOf("roleTooHigh", 403, { detail: en.errors.roleTooHigh }));
    const adminToken = await createTestToken(acme, { creator: "ADMIN", ceiling: "ADMIN" });
    const suspendHolder = await api("POST", `/users/${acme.users.ACCOUNT_HOLDER.id}/suspend`, { token: adminToken.secret });
    expect(suspendHolder.body).toEqual(problemOf("targetAboveYou", 403));
    const suspendCreator = await api("POST", `/users/${acme.users.ACCOUNT_HOLDER.id}/suspend`, { token: token.secret });
    expect(suspendCreator.body).toEqual(problemOf("notYourself", 403));
    const seats = await api("POST", "/users", { token: token.secret, body: { rows: [newRow(), newRow(), newRow()], ...settings, products: ["remote-support"] } });
    expect(seats.status).toBe(422);
    expect(seats.body).toMatchObject(problemOf("notEnoughSeatsFor", 422));
    expect(await getDb().user.count({ where: { accountId: acme.account.id } })).toBe(before);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: acme.users.ACCOUNT_HOLDER.id } })).status).toBe("ACTIVE");
  });

  it("suspends (ending sessions), reactivates and deletes a user: 204, audited as the token; another account's user is 404", async () => {
    const member = acme.users.MEMBER;
    expect((await api("POST", `/users/${member.id}/suspend`, { token: token.secret })).status).toBe(204);
    expect(await getDb().user.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({ status: "SUSPENDED" });
    expect(await getDb().session.count({ where: { userId: member.id, revokedAt: null } })).toBe(0);
    expect((await api("POST", `/users/${member.id}/reactivate`, { token: token.secret })).status).toBe(204);
    expect((await api("DELETE", `/users/${member.id}`, { token: token.secret })).status).toBe(204);
    expect(await getDb().user.findUnique({ where: { id: member.id } })).toBeNull();
    const events = await getDb().auditEvent.findMany({ where: { accountId: acme.account.id, targetId: member.id } });
    expect(events.map((e) => e.actorTokenId)).toEqual(events.map(() => token.id));

    const before = await databaseFingerprint();
    for (const [method, path] of [["POST", "suspend"], ["POST", "reactivate"], ["DELETE", ""]] as const) {
      const answer = await api(method, `/users/${other.users.MEMBER.id}${path ? `/${path}` : ""}`, { token: token.secret });
      expect(answer.status, `${method} ${path}`).toBe(404);
    }
    expect((await databaseFingerprint())["public.User"]).toEqual(before["public.User"]);
  });

  it("narrows a token to its scopes: read-only reads, LICENCES alone can't read users", async () => {
    const readOnly = await createTestToken(acme, { scopes: ["READ_ONLY"] });
    expect((await api("GET", "/users", { token: readOnly.secret })).status).toBe(200);
    expect((await api("POST", `/users/${acme.users.MEMBER.id}/suspend`, { token: readOnly.secret })).body).toEqual(problemOf("tokenScope", 403, { detail: en.errors.tokenScope }));
    const licences = await createTestToken(acme, { scopes: ["LICENCES"] });
    expect((await api("GET", "/users", { token: licences.secret })).status).toBe(403);
    const users = await createTestToken(acme, { scopes: ["USERS"] });
    expect((await api("GET", "/users", { token: users.secret })).status).toBe(200);
  });

  it("never puts a token's secret in an answer or the audit log", async () => {
    const answer = await api("POST", "/users", { token: token.secret, body: { rows: [newRow()], ...settings } });
    expect(answer.text).not.toContain(token.secret);
    const audit = JSON.stringify(await getDb().auditEvent.findMany({ where: { accountId: acme.account.id } }));
    expect(audit).not.toContain(token.secret);
    expect(audit).not.toContain(token.secret.slice(3));
  });

  it("answers an unknown address under /api/v1 with a 404 problem", async () => {
    const answer = await api("GET", "/nothing/here", { token: token.secret });
    expect(answer.body).toEqual(problemOf("noSuchOperation", 404));
  });
});

describe("PATCH /users/{id} with ETag and If-Match", () => {
  it("changes only what is sent; a stale ETag is refused with 412 and nothing saved; the new ETag works", async () => {
    const member = acme.users.MEMBER;
    const read = await api("GET", `/users/${member.id}`, { token: token.secret });
    const etag = read.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    // Someone changes the user meanwhile (the page, a bulk job…).
    await getDb().user.update({ where: { id: member.id }, data: { firstName: "Changed" } });
    const stale = await api("PATCH", `/users/${member.id}`, { token: token.secret, body: { lastName: "Lovelace" }, headers: { "if-match": etag } });
    expect(stale.status).toBe(412);
    expect(stale.body).toEqual(problemOf("userChangedMeanwhile", 412, { detail: en.errors.userChangedMeanwhile }));
    expect((await getDb().user.findUniqueOrThrow({ where: { id: member.id } })).lastName).toBe(member.lastName);

    const fresh = (await api("GET", `/users/${member.id}`, { token: token.secret })).headers.get("etag")!;
    const patched = await api("PATCH", `/users/${member.id}`, { token: token.secret, body: { lastName: "Lovelace", groupId: null }, headers: { "if-match": fresh } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ firstName: "Changed", lastName: "Lovelace", group: null });
    expect(patched.headers.get("etag")).not.toBe(fresh);
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { targetId: member.id, action: "user.profile.update" } });
    expect(event).toMatchObject({ actorTokenId: token.id, after: { lastName: "Lovelace" } });
  });

  it("changes a licence-visible attribute's ETag too: a licence assigned meanwhile makes the old ETag stale", async () => {
    const member = acme.users.MEMBER;
    const etag = (await api("GET", `/users/${member.id}`, { token: token.secret })).headers.get("etag");
    const subscription = await getDb().subscription.findFirstOrThrow({ where: { accountId: acme.account.id, product: { code: "central" } } });
    await getDb().licenceAssignment.create({ data: { accountId: acme.account.id, subscriptionId: subscription.id, userId: member.id } });
    const after = (await api("GET", `/users/${member.id}`, { token: token.secret })).headers.get("etag");
    expect(after).not.toBe(etag);
  });

  it("refuses unknown attributes, a role above the token's and an If-Match that isn't an ETag of ours, saving nothing", async () => {
    const member = acme.users.MEMBER;
    const before = await getDb().user.findUniqueOrThrow({ where: { id: member.id } });
    const unknown = await api("PATCH", `/users/${member.id}`, { token: token.secret, body: { lastName: "X", email: "new@example.com" } });
    expect(unknown.body).toEqual(problemOf("invalid", 422, { errors: { email: [en.api.unknownAttribute] } }));
    expect((await api("PATCH", `/users/${member.id}`, { token: token.secret, body: { role: "ACCOUNT_HOLDER" } })).body).toEqual(problemOf("roleTooHigh", 403));
    expect((await api("PATCH", `/users/${member.id}`, { token: token.secret, body: { lastName: "X" }, headers: { "if-match": 'W/"abc"' } })).status).toBe(412);
    expect((await api("PATCH", `/users/${member.id}`, { token: token.secret, body: { firstName: "" } })).body).toEqual(problemOf("invalid", 422, { errors: { firstName: [en.validation.required] } }));
    expect((await api("PATCH", `/users/${other.users.MEMBER.id}`, { token: token.secret, body: { lastName: "X" } })).status).toBe(404);
    expect(await getDb().user.findUniqueOrThrow({ where: { id: member.id } })).toEqual(before);
  });
});

describe("Idempotency-Key", () => {
  it("answers a retry with the same key and request with the first answer, flagged, and adds nobody twice", async () => {
    const body = { rows: [newRow()], ...settings };
    const first = await api("POST", "/users", { token: token.secret, body, headers: { "idempotency-key": "add-grace-1" } });
    const again = await api("POST", "/users", { token: token.secret, body, headers: { "idempotency-key": "add-grace-1" } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(await getDb().user.count({ where: { email: body.rows[0].email } })).toBe(1);
    expect(await getDb().outboxEmail.count({ where: { recipient: body.rows[0].email } })).toBe(1);
  });

  it("makes one user of 10 concurrent identical POSTs: one runs, the others get its answer or 409 while it runs", async () => {
    const body = { rows: [newRow()], ...settings };
    const answers = await Promise.all(Array.from({ length: 10 }, () => api("POST", "/users", { token: token.secret, body, headers: { "idempotency-key": "race" } })));
    expect(await getDb().user.count({ where: { email: body.rows[0].email } })).toBe(1);
    const fresh = answers.filter((a) => a.status === 201 && !a.headers.get("idempotent-replayed"));
    expect(fresh).toHaveLength(1);
    for (const a of answers) expect([201, 409]).toContain(a.status);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body).toEqual(problemOf("idempotencyInProgress", 409));
  });

  it("refuses the same key with another request (422) and a key that isn't one (400); keys are the token's own", async () => {
    await api("POST", "/users", { token: token.secret, body: { rows: [newRow()], ...settings }, headers: { "idempotency-key": "k1" } });
    const reused = await api("POST", "/users", { token: token.secret, body: { rows: [newRow()], ...settings }, headers: { "idempotency-key": "k1" } });
    expect(reused.body).toEqual(problemOf("idempotencyKeyReused", 422));
    for (const key of ["", "é", "a b", "x".repeat(256)]) {
      const bad = await api("POST", "/users", { token: token.secret, body: { rows: [newRow()], ...settings }, headers: { "idempotency-key": key } });
      expect(bad.status, JSON.stringify(key)).toBe(400);
    }
    const otherToken = await createTestToken(acme);
    const row = newRow();
    expect((await api("POST", "/users", { token: otherToken.secret, body: { rows: [row], ...settings }, headers: { "idempotency-key": "k1" } })).status).toBe(201);
  });

  it("keeps a refusal too, but not a 5xx", async () => {
    const body = { rows: [{ ...newRow(), email: "nope" }], ...settings };
    const first = await api("POST", "/users", { token: token.secret, body, headers: { "idempotency-key": "bad-row" } });
    const again = await api("POST", "/users", { token: token.secret, body, headers: { "idempotency-key": "bad-row" } });
    expect(first.status).toBe(422);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });
});

describe("the OpenAPI document", () => {
  const document = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>> };

  it("is OpenAPI 3.1 with every operation once, under its path and method", () => {
    expect(document.openapi).toBe("3.1.0");
    const listed = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`));
    expect(listed.sort()).toEqual(OPERATIONS.map((op) => `${op.method} ${op.path} ${op.id}`).sort());
    expect(new Set(OPERATIONS.map((op) => op.id)).size).toBe(OPERATIONS.length);
  });

  it("documents every method of every route file under app/api/v1, and nothing the files don't serve", async () => {
    const served: string[] = [];
    for (const { file, pattern } of apiRouteFiles()) {
      if (pattern.includes("[...") || pattern === "/openapi.json") continue; // the 404 catch-all, the document itself
      const module = await import(`@/${file}`);
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) if (module[method]) served.push(`${method} ${pattern}`);
    }
    expect(served.sort()).toEqual(OPERATIONS.map((op) => `${op.method} ${op.path}`).sort());
  });

  it("is served at /api/v1/openapi.json without a token", async () => {
    const answer = await api("GET", "/openapi.json");
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(JSON.parse(JSON.stringify(document)));
  });
});

describe("licences, capabilities, groups, subscriptions, invitations and the audit log", () => {
  it("assigns and removes a product within the seats, answering the user; the last seat can't be taken twice", async () => {
    const [a, b, c] = [acme.users.MEMBER, acme.users.SUPPORT_STAFF, acme.users.ADMIN];
    const add = (id: string) => api("POST", `/users/${id}/products`, { token: token.secret, body: { product: "remote-support" } });
    const first = await add(a.id);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: a.id, products: ["remote-support"] });
    expect((await add(b.id)).status).toBe(200);
    const full = await add(c.id);
    expect(full.status).toBe(409);
    expect(await getDb().licenceAssignment.count({ where: { accountId: acme.account.id, subscription: { product: { code: "remote-support" } } } })).toBe(2);
    const removed = await api("DELETE", `/users/${a.id}/products/remote-support`, { token: token.secret });
    expect(removed.body).toMatchObject({ products: [] });
    expect((await add(c.id)).status).toBe(200);
    const events = await getDb().auditEvent.findMany({ where: { accountId: acme.account.id, action: { startsWith: "licence" } } });
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e.actorTokenId).toBe(token.id);
  });

  it("reads and switches capabilities, only the ones sent; refused without Remote Support", async () => {
    const member = acme.users.MEMBER;
    expect((await api("PATCH", `/users/${member.id}/capabilities`, { token: token.secret, body: { remoteControl: false } })).body).toEqual(problemOf("needsRemoteSupport", 409));
    await api("POST", `/users/${member.id}/products`, { token: token.secret, body: { product: "remote-support" } });
    const patched = await api("PATCH", `/users/${member.id}/capabilities`, { token: token.secret, body: { remoteControl: false } });
    expect(patched.body).toEqual({ unattendedAccess: true, fileManagement: true, remoteControl: false });
    expect((await api("GET", `/users/${member.id}/capabilities`, { token: token.secret })).body).toEqual(patched.body);
    expect((await api("PATCH", `/users/${member.id}/capabilities`, { token: token.secret, body: { remoteControl: "maybe" } })).status).toBe(422);
    expect((await api("PATCH", `/users/${member.id}/capabilities`, { token: token.secret, body: { teleport: true } })).status).toBe(422);
  });

  it("manages groups: list with counts, create (a duplicate name refused), rename, delete keeping the members", async () => {
    const created = await api("POST", "/groups", { token: token.secret, body: { name: "Night shift" } });
    expect(created.status).toBe(201);
    const { id } = created.body as { id: string };
    expect((await api("POST", "/groups", { token: token.secret, body: { name: "night SHIFT" } })).status).toBe(409);
    expect((await api("PATCH", `/groups/${id}`, { token: token.secret, body: { name: "Day shift" } })).body).toEqual({ id, name: "Day shift" });
    await getDb().user.update({ where: { id: acme.users.MEMBER.id }, data: { groupId: id } });
    const list = (await api("GET", "/groups", { token: token.secret })).body as { data: { id: string; name: string; memberCount: number }[] };
    expect(list.data.find((g) => g.id === id)).toEqual({ id, name: "Day shift", memberCount: expect.any(Number) });
    expect((await api("DELETE", `/groups/${id}`, { token: token.secret })).status).toBe(204);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: acme.users.MEMBER.id } })).groupId).toBeNull();
    const foreign = await getDb().userGroup.create({ data: { accountId: other.account.id, name: "Theirs" } });
    expect((await api("DELETE", `/groups/${foreign.id}`, { token: token.secret })).status).toBe(404);
    expect((await api("PATCH", `/groups/not-a-uuid`, { token: token.secret, body: { name: "x" } })).status).toBe(404);
  });

  it("lists the account's subscriptions with their seats", async () => {
    const answer = await api("GET", "/subscriptions", { token: token.secret });
    expect((answer.body as { data: unknown[] }).data).toEqual(expect.arrayContaining([expect.objectContaining({ product: "remote-support", seatsPurchased: 2, seatsUsed: 0 })]));
  });

  it("resends an invited user's invitation; an active user has none to resend", async () => {
    const row = newRow();
    await api("POST", "/users", { token: token.secret, body: { rows: [row], ...settings } });
    const user = await getDb().user.findUniqueOrThrow({ where: { email: row.email } });
    await getDb().invitation.updateMany({ where: { userId: user.id }, data: { createdAt: new Date(Date.now() - 3_600_000) } });
    const resent = await api("POST", `/users/${user.id}/invitation`, { token: token.secret });
    expect(resent.status, resent.text).toBe(204);
    expect(await getDb().outboxEmail.count({ where: { recipient: row.email } })).toBe(2);
    expect((await api("POST", `/users/${acme.users.MEMBER.id}/invitation`, { token: token.secret })).status).toBe(409);
  });

  it("lists audit events newest first with filters, naming the token they were made with", async () => {
    await api("POST", "/groups", { token: token.secret, body: { name: "Audited" } });
    const answer = await api("GET", "/audit-events?action=group.create", { token: token.secret });
    const page = answer.body as { data: { action: string; actorTokenId: string | null; actorId: string | null }[] };
    expect(page.data).toHaveLength(1);
    expect(page.data[0]).toMatchObject({ action: "group.create", actorTokenId: token.id, actorId: acme.users.ACCOUNT_HOLDER.id });
    expect((await api("GET", "/audit-events?from=2026-13-45", { token: token.secret })).status).toBe(422);
    const supportToken = await createTestToken(acme, { ceiling: "SUPPORT_STAFF" });
    expect((await api("GET", "/audit-events", { token: supportToken.secret })).status).toBe(403);
  });
});

describe("imports", () => {
  const csv = (...emails: string[]) => `First name,Email,Role\n${emails.map((e, i) => `Row ${i},${e},Member`).join("\n")}\n`;
  const email = () => `imp-${crypto.randomBytes(3).toString("hex")}@import.example`;

  it("checks a CSV body into a report (a bad row named with its reason), confirms it, and applies it as the token", async () => {
    vi.stubEnv("IMPORT_REFLECTION_DELAY", "0s");
    const good = email();
    const uploaded = await api("POST", "/imports?locale=fr", { token: token.secret, raw: csv(good, "not-an-email"), headers: { "content-type": "text/csv", "accept-language": "fr" } });
    expect(uploaded.status, uploaded.text).toBe(201);
    const report = uploaded.body as { id: string; status: string; counts: Record<string, number>; rows: { row: number; status: string; message: string }[] };
    expect(report).toMatchObject({ status: "DRAFT", counts: { PENDING: 1, INVALID: 1 } });
    expect(report.rows[1]).toMatchObject({ row: 2, status: "INVALID", message: `${fr.imports.columns.email} : ${fr.imports.cellProblems.invalidEmail}` });
    expect(uploaded.headers.get("location")).toBe(`/api/v1/imports/${report.id}`);

    const committed = await api("POST", `/imports/${report.id}/commit`, { token: token.secret });
    expect(committed.status).toBe(202);
    await reflectImport(getDb(), report.id);
    const done = (await api("GET", `/imports/${report.id}`, { token: token.secret })).body as { status: string; counts: Record<string, number> };
    expect(done).toMatchObject({ status: "DONE", counts: { DONE: 1, INVALID: 1 } });
    const user = await getDb().user.findUniqueOrThrow({ where: { email: good } });
    const events = await getDb().auditEvent.findMany({ where: { targetId: { in: [user.id, report.id] } } });
    expect(events.length).toBeGreaterThan(2);
    for (const e of events) expect(e.actorTokenId, e.action).toBe(token.id);
  });

  it("applies nothing when the token is revoked between confirming and applying (the rows say why)", async () => {
    vi.stubEnv("IMPORT_REFLECTION_DELAY", "0s");
    const address = email();
    const report = (await api("POST", "/imports", { token: token.secret, raw: csv(address), headers: { "content-type": "text/csv" } })).body as { id: string };
    await api("POST", `/imports/${report.id}/commit`, { token: token.secret });
    await getDb().apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    await reflectImport(getDb(), report.id);
    expect(await getDb().user.count({ where: { email: address } })).toBe(0);
    const rows = await getDb().importRow.findMany({ where: { batchId: report.id } });
    expect(rows.map((r) => [r.status, r.outcome, (r.problems as { reason?: string }).reason])).toEqual([["FAILED", "refused", "imports.refused.tokenEnded"]]);
  });

  it("limits a token's ceiling at applying time too: a CSV row giving Admin is refused once the creator is Support staff", async () => {
    vi.stubEnv("IMPORT_REFLECTION_DELAY", "0s");
    const adminToken = await createTestToken(acme, { creator: "ADMIN", ceiling: "ADMIN" });
    const address = email();
    const body = `First name,Email,Role\nAda,${address},Admin\n`;
    const report = (await api("POST", "/imports", { token: adminToken.secret, raw: body, headers: { "content-type": "text/csv" } })).body as { id: string };
    expect((await api("POST", `/imports/${report.id}/commit`, { token: adminToken.secret })).status).toBe(202);
    await getDb().user.update({ where: { id: acme.users.ADMIN.id }, data: { role: "SUPPORT_STAFF" } });
    await reflectImport(getDb(), report.id);
    expect(await getDb().user.count({ where: { email: address } })).toBe(0);
  });

  it("refuses another media type, an oversized file and another account's import", async () => {
    expect((await api("POST", "/imports", { token: token.secret, body: { csv: "x" } })).status).toBe(415);
    const big = `First name,Email\n${"a".repeat(1_100_000)}\n`;
    const tooLarge = await api("POST", "/imports", { token: token.secret, raw: big, headers: { "content-type": "text/csv" } });
    expect(tooLarge.status).toBe(413);
    const theirs = await createTestToken(other);
    const report = (await api("POST", "/imports", { token: theirs.secret, raw: csv(email()), headers: { "content-type": "text/csv" } })).body as { id: string };
    for (const [method, path] of [["GET", ""], ["POST", "/commit"], ["DELETE", ""]] as const) {
      expect((await api(method, `/imports/${report.id}${path}`, { token: token.secret })).status, `${method} ${path}`).toBe(404);
    }
  });
});

describe("every answer matches its documented schema", () => {
  it("checks the 2xx bodies of a run through each operation against the document's schemas", async () => {
    // The responses' zod schemas are what the document was generated from: parse each success with them.
    const member = acme.users.MEMBER;
    await api("POST", `/users/${member.id}/products`, { token: token.secret, body: { product: "remote-support" } });
    const group = (await api("POST", "/groups", { token: token.secret, body: { name: "Schema" } })).body as { id: string };
    const csvFile = { raw: `First name,Email\nZoe,zoe-${crypto.randomBytes(3).toString("hex")}@import.example\n`, headers: { "content-type": "text/csv" } };
    const draft = (await api("POST", "/imports", { token: token.secret, ...csvFile })).body as { id: string };
    const calls: Record<string, { method: string; path: string; body?: unknown; raw?: string; headers?: Record<string, string> }> = {
      uploadImport: { method: "POST", path: "/imports", ...csvFile, raw: csvFile.raw.replace("zoe-", "zoe2-") },
      getImport: { method: "GET", path: `/imports/${draft.id}` },
      commitImport: { method: "POST", path: `/imports/${draft.id}/commit` },
      listUsers: { method: "GET", path: "/users" },
      getUser: { method: "GET", path: `/users/${member.id}` },
      updateUser: { method: "PATCH", path: `/users/${member.id}`, body: { lastName: "Schema" } },
      createUsers: { method: "POST", path: "/users", body: { rows: [newRow()], ...settings } },
      getUserCapabilities: { method: "GET", path: `/users/${member.id}/capabilities` },
      updateUserCapabilities: { method: "PATCH", path: `/users/${member.id}/capabilities`, body: { fileManagement: false } },
      addUserProduct: { method: "POST", path: `/users/${member.id}/products`, body: { product: "central" } },
      removeUserProduct: { method: "DELETE", path: `/users/${member.id}/products/central` },
      listSubscriptions: { method: "GET", path: "/subscriptions" },
      listGroups: { method: "GET", path: "/groups" },
      createGroup: { method: "POST", path: "/groups", body: { name: "Schema 2" } },
      renameGroup: { method: "PATCH", path: `/groups/${group.id}`, body: { name: "Schema 3" } },
      listAuditEvents: { method: "GET", path: "/audit-events" },
      listImports: { method: "GET", path: "/imports" },
    };
    for (const operation of OPERATIONS) {
      const call = calls[operation.id];
      if (!call) continue; // the ones answering 204 have no body: their statuses are checked above
      const answer = await api(call.method, call.path, { token: token.secret, body: call.body, raw: call.raw, headers: call.headers });
      const schema = operation.responses[answer.status];
      expect(schema, `${operation.id} answered ${answer.status}: ${answer.text}`).toBeTruthy();
      const parsed = schema!.safeParse(answer.body);
      expect(parsed.success, `${operation.id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
    const withoutBody = OPERATIONS.filter((op) => !calls[op.id]).map((op) => op.id).sort();
    expect(withoutBody).toEqual(OPERATIONS.filter((op) => Object.values(op.responses).every((s) => s === null)).map((op) => op.id).sort());
  });
});

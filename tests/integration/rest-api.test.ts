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

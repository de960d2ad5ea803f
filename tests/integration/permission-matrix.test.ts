// The permission matrix: every exported server action and route handler of app/, called directly
// by every kind of caller, against the expectations in tests/support/action-catalogue.ts.
// - The catalogue must name every export (a new action without an entry fails here).
// - An action must declare the permission its entry expects.
// - A refused call changes no row of any table; a call by another account's admin, or with ids of
//   another account, changes nothing in the account those ids belong to; downloads leak nothing.
import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { cookieJar } from "../support/sign-in";
import { signInAs } from "../support/session";
import { followed } from "../support/redirects";
import { twoTestAccounts, type TestAccount } from "../support/accounts";
import { ACTIONS, API_OPERATIONS, ROUTES, type ActionEntry, type Ids, type RouteEntry } from "../support/action-catalogue";
import { api } from "../support/api-client";
import { createTestToken } from "../support/api-tokens";
import { OPERATIONS } from "@/http/v1/operations";
import { accountFingerprint, databaseFingerprint } from "../support/db-snapshot";
import { declarationOf } from "@/lib/actions/define-action";
import { permittedUser } from "@/lib/auth/require";
import type { ActionInput } from "@/lib/actions/result";
import type { AccountRole } from "@/lib/generated/prisma/enums";
import { can, ROLES, type Permission } from "@/lib/permissions";
import { getDb } from "@/lib/db/client";
import en from "@/messages/en.json";

// A spy, not a stand-in: it records which permission a route handler asks permittedUser for.
vi.mock("@/lib/auth/require", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/require")>();
  return { ...original, permittedUser: vi.fn(original.permittedUser) };
});

const root = path.resolve(import.meta.dirname, "../..");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function handlerFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return handlerFiles(file);
    // actions.ts, or a feature's own file beside another's (passkey-actions.ts), and route.ts
    return /^([a-z0-9-]+-)?actions\.ts$/.test(entry.name) || entry.name === "route.ts" ? [file] : [];
  });
}

/** Every exported server action (actions.ts, *-actions.ts) and route handler (route.ts) under app/. */
const discovered: { key: string; kind: "action" | "route"; handler: unknown }[] = [];
for (const file of handlerFiles("app")) {
  if (file.startsWith("app/api/v1/") || file.startsWith("app/scim/")) continue; // token routes: judged below and in scim.test.ts
  const kind = file.endsWith("route.ts") ? "route" : "action";
  for (const [name, handler] of Object.entries(await import(path.join(root, file)))) {
    if (kind === "route" && !HTTP_METHODS.includes(name)) continue; // `dynamic` and other route settings
    discovered.push({ key: `${file}#${name}`, kind, handler });
  }
}

type Action = (previous: unknown, input?: ActionInput) => Promise<unknown>;
type Route = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const actions = discovered.filter((d) => d.kind === "action" && d.key in ACTIONS).map((d) => ({ key: d.key, action: d.handler as Action, entry: ACTIONS[d.key] }));
const routes = discovered.filter((d) => d.kind === "route" && d.key in ROUTES).map((d) => ({ key: d.key, route: d.handler as Route, entry: ROUTES[d.key] }));

interface World {
  acme: TestAccount;
  other: TestAccount;
  /** What the entry's `given` created in Acme, and in Other. */
  mine: Ids;
  theirs: Ids;
}

type User = TestAccount["users"][AccountRole];
interface Caller {
  name: string;
  /** The role the app sees; null when it sees no valid session. */
  role: AccountRole | null;
  /** Signed in to the other account: the call names Acme's ids. */
  outsider?: boolean;
  user(world: World): User | null;
}

const CALLERS: Caller[] = [
  { name: "signed out", role: null, user: () => null },
  // A session from before the user's sessions were ended (suspension, role change, sign-out everywhere).
  { name: "ADMIN with a revoked session", role: null, user: (w) => ({ ...w.acme.users.ADMIN, sessionVersion: w.acme.users.ADMIN.sessionVersion + 1 }) },
  { name: "MEMBER", role: "MEMBER", user: (w) => w.acme.users.MEMBER },
  { name: "SUPPORT_STAFF", role: "SUPPORT_STAFF", user: (w) => w.acme.users.SUPPORT_STAFF },
  { name: "ADMIN of another account", role: "ADMIN", outsider: true, user: (w) => w.other.users.ADMIN },
  { name: "ADMIN", role: "ADMIN", user: (w) => w.acme.users.ADMIN },
  { name: "ACCOUNT_HOLDER", role: "ACCOUNT_HOLDER", user: (w) => w.acme.users.ACCOUNT_HOLDER },
];

type Expected = "success" | "signedOut" | "forbidden" | "outsider" | "noPendingSignIn";

function expectation(permission: Permission | null, caller: Caller, needsPendingSignIn = false): Expected {
  if (needsPendingSignIn) return "noPendingSignIn"; // sign-in's second step: no caller here has a pending sign-in
  if (permission === null) return "success"; // public: no session needed, none used
  if (caller.role === null) return "signedOut";
  if (!can(caller.role, permission)) return "forbidden";
  return caller.outsider ? "outsider" : "success";
}

async function world(given?: (account: TestAccount) => Promise<Ids>): Promise<World> {
  const { acme, other } = await twoTestAccounts();
  const mine = (await given?.(acme)) ?? {};
  const theirs = (await given?.(other)) ?? {};
  signInAs(null);
  cookieJar.clear();
  return { acme, other, mine, theirs };
}

/** The fingerprints a call is judged by: the whole database, and each account's rows. */
async function fingerprints(w: World) {
  const [all, acme, other] = await Promise.all([databaseFingerprint(), accountFingerprint(w.acme.account.id), accountFingerprint(w.other.account.id)]);
  return { all, acme, other };
}

type Outcome = { ok: boolean; formError?: string; fieldErrors?: unknown; data?: unknown } | { redirectedTo: string };

/** An action's result, or where it redirected to once its change committed. */
const outcomeOf = (call: Promise<unknown>) => followed(call) as Promise<Outcome>;

const succeeded = (outcome: Outcome) => "redirectedTo" in outcome || outcome.ok;
const REFUSED = { signedOut: { ok: false, formError: en.errors.signedOut }, forbidden: { ok: false, formError: en.errors.forbidden } };

/** What must never reach another account's caller: the account's name, id and users' emails. */
function expectNoSecretsOf(account: TestAccount, answer: string) {
  for (const secret of [account.account.id, account.account.name, ...Object.values(account.users).map((u) => u.email)]) {
    expect(answer, "the answer names nothing of the other account").not.toContain(secret);
  }
}

const CALLERS_SESSION_TABLES = ["public.Session", "public.AuditEvent"];
const withoutTables = <F extends Record<string, unknown>>(fingerprint: F, tables: string[]) =>
  Object.fromEntries(Object.entries(fingerprint).filter(([table]) => !tables.includes(table)));

/** Runs one action call and checks it against the table; `owner` is the account whose rows the input names. */
async function checkAction(action: Action, entry: ActionEntry, w: World, caller: User | null, input: ActionInput, expected: Expected, owner: "acme" | "other") {
  signInAs(caller);
  const before = await fingerprints(w);
  const outcome = await outcomeOf(action(undefined, input));
  const after = await fingerprints(w);

  if (entry.refusedOnceAccountsExist) {
    expect(outcome).toEqual({ ok: false, formError: entry.refusedOnceAccountsExist });
    expect(after.all, "a refused call changes nothing").toEqual(before.all);
    return;
  }
  if (expected === "signedOut" || expected === "forbidden") {
    expect(outcome).toEqual(REFUSED[expected]);
    expect(after.all, "a refused call changes nothing").toEqual(before.all);
    return;
  }
  if (expected === "noPendingSignIn") {
    // A session is not a pending sign-in: refused, whoever calls, and nothing changes.
    expect(outcome).toEqual({ ok: false, formError: en.errors.signInExpired });
    expect(after.all, "a refused call changes nothing").toEqual(before.all);
    for (const account of [w.acme, w.other]) expectNoSecretsOf(account, JSON.stringify(outcome));
    return;
  }
  if (expected === "success") {
    expect(succeeded(outcome), JSON.stringify(outcome)).toBe(true);
    // An account action is audited in the caller's account, so a success that changed nothing didn't happen.
    if (entry.permission !== null) expect(after.acme, "the change is in the caller's account").not.toEqual(before.acme);
    // Signing out as the other account's user ends their own session there, and nothing else.
    const callerIsOther = caller !== null && Object.values(w.other.users).some((u) => u.id === caller.id);
    const judged = (f: typeof before.other) => (entry.endsCallersSession && callerIsOther ? withoutTables(f, CALLERS_SESSION_TABLES) : f);
    expect(judged(after.other), "nothing changes in the other account").toEqual(judged(before.other));
    expectNoSecretsOf(w.other, JSON.stringify(outcome));
    return;
  }
  // Another account's ids: refused (not a crash), or carried out without touching or revealing the account they belong to.
  expect(after[owner], `${owner}'s rows are unchanged: ${JSON.stringify(outcome)}`).toEqual(before[owner]);
  expectNoSecretsOf(w[owner], JSON.stringify(outcome));
  if (!succeeded(outcome)) {
    expect(outcome).not.toEqual({ ok: false, formError: en.errors.unexpected });
    expect(after.all, "a refused call changes nothing").toEqual(before.all);
  }
}

/** The input with one id (or all of them) taken from the other account's `given`. */
function foreignVariants(w: World): { swapped: string; ids: Ids }[] {
  const keys = Object.keys(w.mine);
  const one = keys.map((key) => ({ swapped: key, ids: { ...w.mine, [key]: w.theirs[key] } }));
  return keys.length > 1 ? [...one, { swapped: keys.join(" + "), ids: { ...w.theirs } }] : one;
}

describe("the catalogue (tests/support/action-catalogue.ts)", () => {
  it("finds the app's server actions and route handlers", () => {
    expect(discovered.filter((d) => d.kind === "action").length).toBeGreaterThan(20);
    expect(discovered.filter((d) => d.kind === "route").length).toBeGreaterThan(3);
  });

  it("has an entry for every exported server action and route handler", () => {
    const missing = discovered.filter((d) => !(d.key in (d.kind === "action" ? ACTIONS : ROUTES))).map((d) => d.key);
    expect(missing, "add these to tests/support/action-catalogue.ts").toEqual([]);
  });

  it("has no entry for an export that is gone", () => {
    const keys = new Set(discovered.map((d) => d.key));
    expect([...Object.keys(ACTIONS), ...Object.keys(ROUTES)].filter((key) => !keys.has(key))).toEqual([]);
  });

  it("judges calls by fingerprints of every table: the outbox and the job queue too, child rows with their account", async () => {
    const tables = Object.keys(await databaseFingerprint());
    expect(tables).toEqual(expect.arrayContaining(["public.User", "public.AuditEvent", "public.OutboxEmail", "public.ImportRow", "pgboss.job"]));
    const { acme } = await twoTestAccounts();
    const accountTables = Object.keys(await accountFingerprint(acme.account.id));
    expect(accountTables).toEqual(expect.arrayContaining(["public.Account", "public.User", "public.OutboxEmail", "public.ImportRow", "public.LicenceAssignment"]));
    expect(accountTables).not.toContain("public.Product"); // shared by every account
  });

  it("finds each action built by accountAction or publicAction, with the permission its entry expects", () => {
    const declared = Object.fromEntries(actions.map(({ key, action }) => [key, declarationOf(action)?.permission]));
    expect(declared).toEqual(Object.fromEntries(actions.map(({ key, entry }) => [key, entry.permission])));
  });
});

for (const { key, action, entry } of actions) describe(key, () => {
  beforeEach(() => {
    signInAs(null);
    cookieJar.clear();
  });

  it.each(CALLERS)("called by $name", async (caller) => {
    const w = await world(entry.given);
    // The outsider names Acme's ids from their own account; everyone else acts in Acme.
    await checkAction(action, entry, w, caller.user(w), entry.input(w.mine, w.acme, caller.role), expectation(entry.permission, caller, entry.needsPendingSignIn), "acme");
  });

  if (entry.permission !== null && entry.given) {
    it("called by ADMIN with ids of the other account", async () => {
      const w = await world(entry.given);
      expect(Boolean(entry.namesUser), "the catalogue's namesUser says whether the input names a user").toBe("userId" in w.mine);
      for (const { swapped, ids } of foreignVariants(w)) {
        await checkAction(action, entry, w, w.acme.users.ADMIN, entry.input(ids, w.acme, "ADMIN"), "outsider", "other").catch((error: Error) => {
          throw new Error(`${swapped} from the other account: ${error.message}`);
        });
      }
    });

    // Target rank: an action naming a user (ids.userId) is refused, changing nothing, when that
    // user's role is above the caller's — the lowest role allowed to call it, the target one above.
    const callerRole = [...ROLES].reverse().find((role) => can(role, entry.permission!))!;
    const targetRole = ROLES[ROLES.indexOf(callerRole) - 1];
    if (targetRole && entry.namesUser) {
      it(`called by ${callerRole} on a user who is ${targetRole}`, async () => {
        const w = await world(entry.given);
        await getDb().user.update({ where: { id: w.mine.userId }, data: { role: targetRole } });
        signInAs(w.acme.users[callerRole]);
        const before = await databaseFingerprint();
        expect(await outcomeOf(action(undefined, entry.input(w.mine, w.acme)))).toEqual({ ok: false, formError: en.errors.targetAboveYou });
        expect(await databaseFingerprint(), "a refused call changes nothing").toEqual(before);
      });
    }
  }
});

/** Runs one download; `reader` is the only account whose data the answer may hold (null: none). */
async function checkRoute(route: Route, entry: RouteEntry, w: World, caller: User | null, ids: Ids, expected: Expected, reader: TestAccount | null) {
  signInAs(caller);
  const { url, params = {} } = entry.request(ids);
  const before = await databaseFingerprint();
  vi.mocked(permittedUser).mockClear();
  const response = await route(new NextRequest(`http://localhost${url}`), { params: Promise.resolve(params) });
  const body = await response.text();
  expect(await databaseFingerprint(), "a download changes nothing").toEqual(before);
  expect(vi.mocked(permittedUser).mock.calls, "the permission the handler checks").toEqual(entry.permission ? [[entry.permission]] : []);

  if (expected === "signedOut" || expected === "forbidden") expect(response.status).toBe(404);
  else if (expected === "success") expect(response.status).toBe(entry.status ?? 200);
  else expect([200, 404]).toContain(response.status);
  for (const account of [w.acme, w.other].filter((a) => a !== reader)) expectNoSecretsOf(account, body);
}

for (const { key, route, entry } of routes) describe(key, () => {
  beforeEach(() => signInAs(null));

  it.each(CALLERS)("called by $name", async (caller) => {
    const w = await world(entry.given);
    const expected = expectation(entry.permission, caller);
    const reader = expected === "outsider" ? w.other : expected === "success" && entry.permission !== null ? w.acme : null;
    await checkRoute(route, entry, w, caller.user(w), w.mine, expected, reader);
  });

  if (entry.permission !== null && entry.given) {
    it("called by ADMIN with ids of the other account", async () => {
      const w = await world(entry.given);
      for (const { ids } of foreignVariants(w)) await checkRoute(route, entry, w, w.acme.users.ADMIN, ids, "outsider", w.acme);
    });
  }
});

// The REST API (http/v1/operations.ts): every operation called with a token of each role ceiling
// (made by the account holder), none, a revoked one, an expired one and another account's, judged
// like the actions. A refusal changes no row, but for the token's own bookkeeping (its last use,
// its minute's request count).
const TOKEN_BOOKKEEPING = ["public.ApiToken", "public.ApiRateWindow"];

interface TokenCaller {
  name: string;
  ceiling: AccountRole | null;
  state?: "revoked" | "expired";
  outsider?: true;
}

const TOKEN_CALLERS: TokenCaller[] = [
  { name: "no token", ceiling: null },
  ...[...ROLES].reverse().map((ceiling) => ({ name: `a token with ceiling ${ceiling}`, ceiling })),
  { name: "a revoked ADMIN token", ceiling: "ADMIN", state: "revoked" },
  { name: "an expired ADMIN token", ceiling: "ADMIN", state: "expired" },
  { name: "another account's ADMIN token", ceiling: "ADMIN", outsider: true },
];

describe("the API catalogue (API_OPERATIONS in tests/support/action-catalogue.ts)", () => {
  it("has an entry for every operation, and none for an operation that is gone", () => {
    expect(Object.keys(API_OPERATIONS).sort()).toEqual(OPERATIONS.map((op) => op.id).sort());
  });
});

for (const operation of OPERATIONS) describe(`API ${operation.method} ${operation.path} (${operation.id})`, () => {
  const entry = API_OPERATIONS[operation.id];

  it.each(TOKEN_CALLERS)("called with $name", async (caller) => {
    const w = await world(entry.given);
    const tokenAccount = caller.outsider ? w.other : w.acme;
    const token = caller.ceiling && await createTestToken(tokenAccount, {
      ceiling: caller.ceiling,
      revokedAt: caller.state === "revoked" ? new Date() : null,
      expiresAt: caller.state === "expired" ? new Date(Date.now() - 60_000) : undefined,
    });
    const { method, path, body, raw, headers } = entry.request(w.mine);
    const before = await fingerprints(w);
    const answer = await api(method, path, { token: token?.secret ?? null, body, raw, headers });
    const after = await fingerprints(w);
    const judged = (f: Record<string, unknown>) => withoutTables(f, TOKEN_BOOKKEEPING);

    if (!caller.ceiling || caller.state) {
      expect(answer.status, answer.text).toBe(401);
      expect(after.all, "a refused call changes nothing").toEqual(before.all);
      return;
    }
    if (!can(caller.ceiling, operation.permission)) {
      expect(answer.status, answer.text).toBe(403);
      expect(judged(after.all), "a refused call changes nothing").toEqual(judged(before.all));
      return;
    }
    if (caller.outsider) {
      // Acme's ids from another account: not found, or (a list, an addition) done in the token's own account.
      expect(judged(after.acme), `Acme's rows are unchanged: ${answer.text}`).toEqual(judged(before.acme));
      expectNoSecretsOf(w.acme, answer.text);
      expect(answer.status === 404 || answer.status < 300, answer.text).toBe(true);
      return;
    }
    expect(answer.status, answer.text).toBeLessThan(300);
    expect(after.other, "nothing changes in the other account").toEqual(before.other);
    expectNoSecretsOf(w.other, answer.text);
    if (operation.method !== "GET") expect(judged(after.acme), "the change is in the token's account").not.toEqual(judged(before.acme));
    else expect(judged(after.all), "a read changes nothing").toEqual(judged(before.all));
  });
});

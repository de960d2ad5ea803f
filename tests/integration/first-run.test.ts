// The first run: which databases get the demo, the one-time setup link (its file, its states, a
// race of two browsers), /setup's 404 once an account exists, and `npm run account:create`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { followed } from "../support/redirects";
import { runScript } from "../support/script-process";
import { completeSetupAction } from "@/app/setup/actions";
import SetupPage from "@/app/setup/page";
import { authenticate } from "@/lib/auth/authenticate";
import { signIn } from "@/lib/auth/config";
import { redeemSignInGrant } from "@/lib/auth/sign-in-grants";
import { getDb } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { acceptWelcome, viewInvitation } from "@/lib/invitations/respond";
import { hashToken, LINK_TOKEN_PLACEHOLDER, newToken } from "@/lib/invitations/tokens";
import { DEMO_LOGINS } from "@/lib/seed/demo";
import { createInvitedAccount } from "@/lib/setup/account-create";
import { setupLinkState } from "@/lib/setup/complete-setup";
import { demoWanted, issueSetupToken, prepareFirstRun, SETUP_TOKEN_TTL_MS } from "@/lib/setup/first-run";
import en from "@/messages/en.json";

// Auth.js writes the session cookie into the Next.js request, which a test doesn't have: only that
// call is stood in for; the grant it is given is redeemed below for the user it signs in.
vi.mock("@/lib/auth/config", () => ({ signIn: vi.fn(async () => undefined) }));

const PASSWORD = "a brand new passphrase";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "central-admin-first-run-"));
process.env.DATA_DIR = dataDir; // where the setup action deletes the link's file
process.env.APP_URL = "https://admin.example.test";
const tokenFile = path.join(dataDir, "setup-token");

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** An empty install: no account, no user, no setup link (the products stay: they are shared). */
async function emptyDatabase() {
  await getDb().$executeRaw`TRUNCATE "Account", "SetupToken" CASCADE`;
  fs.rmSync(tokenFile, { force: true });
}

beforeEach(async () => {
  await emptyDatabase();
  vi.mocked(signIn).mockClear();
});

const counts = async () => ({
  accounts: await getDb().account.count(),
  users: await getDb().user.count(),
  withPassword: await getDb().user.count({ where: { passwordHash: { not: null } } }),
});
const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;
const setupForm = (token: string, fields: Record<string, string> = {}) => ({
  token, accountName: "Globex IT", firstName: "Grace", lastName: "Hopper", email: "Grace@Globex.example",
  password: PASSWORD, confirmPassword: PASSWORD, ...fields,
});
const submit = (token: string, fields: Record<string, string> = {}) => followed(completeSetupAction(undefined, setupForm(token, fields)));
/** A setup link as a start on an empty database issues it. */
async function freshLink() {
  const token = await issueSetupToken(getDb());
  if (!token) throw new Error("an account exists");
  return token;
}

describe("which start seeds the demo", () => {
  it("the embedded database by default, DATABASE_URL only with SEED_DEMO=true; SEED_DEMO=false turns it off everywhere", () => {
    expect(demoWanted({ embedded: true })).toBe(true);
    expect(demoWanted({ embedded: false })).toBe(false);
    expect(demoWanted({ embedded: false, seedDemo: "true" })).toBe(true);
    expect(demoWanted({ embedded: false, seedDemo: "TRUE " })).toBe(true);
    expect(demoWanted({ embedded: false, seedDemo: "false" })).toBe(false);
    expect(demoWanted({ embedded: true, seedDemo: "false" })).toBe(false);
    expect(demoWanted({ embedded: false, seedDemo: "" })).toBe(false);
    expect(demoWanted({ embedded: false, seedDemo: "yes please" })).toBe(false);
  });

  it("a fresh PostgreSQL install (DATABASE_URL, no SEED_DEMO) has no account and no password: only a setup link, in a 0600 file", async () => {
    await migrateDatabase(process.env.DATABASE_URL!, { quiet: true });
    const run = await prepareFirstRun(getDb(), { embedded: false, dataDir });

    expect(await counts()).toEqual({ accounts: 0, users: 0, withPassword: 0 });
    expect(run).toMatchObject({ seeded: false, demo: false, setupUrl: expect.stringMatching(/^https:\/\/admin\.example\.test\/setup\?token=[A-Za-z0-9_-]{43}$/) });
    expect(fs.readFileSync(tokenFile, "utf8").trim()).toBe(run.setupUrl);
    expect(fs.statSync(tokenFile).mode & 0o777).toBe(0o600);

    // Only the hash is stored, valid 24 hours.
    const [stored] = await getDb().setupToken.findMany();
    expect(stored.tokenHash).toBe(hashToken(tokenOf(run.setupUrl!)));
    expect(stored.tokenHash).not.toContain(tokenOf(run.setupUrl!));
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(SETUP_TOKEN_TTL_MS - 60_000);
    expect(stored.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(SETUP_TOKEN_TTL_MS);
  });

  it("the file is 0600 even when an earlier one was readable by everyone", async () => {
    fs.writeFileSync(tokenFile, "old\n", { mode: 0o644 });
    await prepareFirstRun(getDb(), { embedded: false, dataDir });
    expect(fs.statSync(tokenFile).mode & 0o777).toBe(0o600);
  });

  it("the embedded database gets the demo (and no setup link); a later start finds it and prints its logins", async () => {
    fs.writeFileSync(tokenFile, "a stale link\n", { mode: 0o600 });
    expect(await prepareFirstRun(getDb(), { embedded: true, dataDir })).toEqual({ seeded: true, demo: true, setupUrl: null });
    expect(await getDb().user.findUnique({ where: { email: DEMO_LOGINS.ACCOUNT_HOLDER } })).toMatchObject({ status: "ACTIVE" });
    expect(await getDb().setupToken.count()).toBe(0);
    expect(fs.existsSync(tokenFile)).toBe(false);
    expect(await prepareFirstRun(getDb(), { embedded: true, dataDir })).toEqual({ seeded: false, demo: true, setupUrl: null });
    // Even when SEED_DEMO is off now: the demo is there, so its logins are printed.
    expect(await prepareFirstRun(getDb(), { embedded: false, seedDemo: "false", dataDir })).toEqual({ seeded: false, demo: true, setupUrl: null });
  });

  it("DATABASE_URL with SEED_DEMO=true seeds the demo; the embedded database with SEED_DEMO=false does not", async () => {
    expect(await prepareFirstRun(getDb(), { embedded: false, seedDemo: "true", dataDir })).toMatchObject({ seeded: true, demo: true, setupUrl: null });
    await emptyDatabase();
    const run = await prepareFirstRun(getDb(), { embedded: true, seedDemo: "false", dataDir });
    expect(run).toMatchObject({ seeded: false, demo: false, setupUrl: expect.any(String) });
    expect(await counts()).toEqual({ accounts: 0, users: 0, withPassword: 0 });
  });

  it("an install whose only account isn't the demo prints no demo logins", async () => {
    await createInvitedAccount(getDb(), { name: "Acme IT", holder: DEMO_LOGINS.ACCOUNT_HOLDER });
    expect(await prepareFirstRun(getDb(), { embedded: false, dataDir })).toEqual({ seeded: false, demo: false, setupUrl: null });
  });
});

describe("the setup link", () => {
  it("a restart before setup issues a new link and voids the one before", async () => {
    const first = tokenOf((await prepareFirstRun(getDb(), { embedded: false, dataDir })).setupUrl!);
    const second = tokenOf((await prepareFirstRun(getDb(), { embedded: false, dataDir })).setupUrl!);
    expect(second).not.toBe(first);
    expect(await setupLinkState(getDb(), first)).toBe("unknown");
    expect(await setupLinkState(getDb(), second)).toBe("open");
    expect(fs.readFileSync(tokenFile, "utf8")).toContain(second);
  });

  it("replicas starting at once each print a link without an error; one link stays valid", async () => {
    const tokens = await Promise.all([1, 2, 3, 4].map(() => issueSetupToken(getDb())));
    const states = await Promise.all(tokens.map((t) => setupLinkState(getDb(), t!)));
    expect(states.filter((s) => s === "open")).toHaveLength(1);
    expect(await getDb().setupToken.count()).toBe(1);
  });

  it("creates the account, its active holder with that password and the audit event, uses the link and signs the holder in", async () => {
    const token = await freshLink();
    fs.writeFileSync(tokenFile, "the link\n", { mode: 0o600 });
    expect(await setupLinkState(getDb(), token)).toBe("open");
    expect(await setupLinkState(getDb(), token)).toBe("open"); // opening the page consumes nothing

    expect(await submit(token)).toEqual({ redirectedTo: "/" });

    const account = await getDb().account.findFirstOrThrow({ include: { users: true, subscriptions: { include: { product: true } } } });
    expect(account.name).toBe("Globex IT");
    expect(account.users).toHaveLength(1);
    const [holder] = account.users;
    expect(holder).toMatchObject({ email: "grace@globex.example", firstName: "Grace", lastName: "Hopper", role: "ACCOUNT_HOLDER", status: "ACTIVE" });
    expect(await authenticate(getDb(), holder.email, PASSWORD)).toEqual({ id: holder.id, sessionVersion: 0 });
    // Every product, no seats: seats are bought, not made up.
    expect(account.subscriptions.map((s) => [s.product.code, s.seatsPurchased]).sort()).toEqual([["central", 0], ["remote-support", 0]]);

    expect((await getDb().setupToken.findFirstOrThrow()).usedAt).not.toBeNull();
    const audit = await getDb().auditEvent.findMany({ where: { accountId: account.id } });
    expect(audit).toMatchObject([{ action: "account.created", actorId: holder.id, targetType: "account", targetId: account.id }]);
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);

    // Signed in: Auth.js was handed a grant for the holder.
    expect(signIn).toHaveBeenCalledTimes(1);
    const [provider, options] = vi.mocked(signIn).mock.calls[0] as unknown as [string, { grant: string; redirect: boolean }];
    expect(provider).toBe("credentials");
    expect(redeemSignInGrant(options.grant)).toEqual({ id: holder.id, sessionVersion: 0 });

    expect(fs.existsSync(tokenFile)).toBe(false);
  });

  it("a used, expired, unknown or malformed link is refused with a clear message and changes nothing", async () => {
    const used = await freshLink();
    await getDb().setupToken.updateMany({ data: { usedAt: new Date() } });
    const expired = await freshLink(); // retires nothing used; voids nothing else valid
    await getDb().setupToken.updateMany({ where: { usedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const cases: [string, string][] = [
      [used, en.setup.closed.used],
      [expired, en.setup.closed.expired],
      [newToken(), en.setup.closed.unknown],
      ["too-short", en.setup.closed.unknown],
      [`${newToken().slice(0, 42)}+`, en.setup.closed.unknown],
      ["../../etc/passwd", en.setup.closed.unknown],
      ["", en.setup.closed.unknown],
    ];
    for (const [token, message] of cases) {
      expect(await submit(token), token).toEqual({ ok: false, formError: message });
    }
    expect(await counts()).toEqual({ accounts: 0, users: 0, withPassword: 0 });
    expect(signIn).not.toHaveBeenCalled();

    expect(await setupLinkState(getDb(), used)).toBe("used");
    expect(await setupLinkState(getDb(), expired)).toBe("expired");
    expect(await setupLinkState(getDb(), newToken())).toBe("unknown");
    expect(await setupLinkState(getDb(), "ä<script>")).toBe("unknown");
    expect(await setupLinkState(getDb(), undefined)).toBe("unknown");
  });

  it("bad answers get their messages at their fields; the link stays usable", async () => {
    const token = await freshLink();
    expect(await submit(token, { accountName: "  ", firstName: "", email: "not an address", password: "short", confirmPassword: "short" })).toEqual({
      ok: false,
      fieldErrors: {
        accountName: [en.validation.required],
        firstName: [en.validation.required],
        email: [en.validation.email],
        password: [en.validation.passwordTooShort],
      },
    });
    expect(await submit(token, { confirmPassword: "another passphrase!" })).toEqual({ ok: false, fieldErrors: { confirmPassword: [en.validation.passwordMismatch] } });
    expect(await submit(token, { password: "passwordpassword", confirmPassword: "passwordpassword" })).toEqual({ ok: false, fieldErrors: { password: [en.validation.passwordCommon] } });
    expect(await submit(token, { password: "grace-is-my-name", confirmPassword: "grace-is-my-name" })).toEqual({ ok: false, fieldErrors: { password: [en.validation.passwordContainsEmail] } });
    expect(await counts()).toEqual({ accounts: 0, users: 0, withPassword: 0 });
    expect(await setupLinkState(getDb(), token)).toBe("open");
  });

  it("hostile text: markup, right-to-left and emoji are stored as typed; line breaks and control characters are refused at their field", async () => {
    const token = await freshLink();
    expect(await submit(token, { accountName: "Line\nbreak", lastName: "nul\u0000" })).toEqual({
      ok: false,
      fieldErrors: { accountName: [en.validation.oneLine], lastName: [en.validation.controlCharacters] },
    });
    expect(await submit(token, { accountName: "x".repeat(101) })).toEqual({ ok: false, fieldErrors: { accountName: [en.validation.tooLong] } });
    const name = `<img src=x onerror=alert(1)> \u202Eevil 😀 "Ltd" & co`;
    expect(await submit(token, { accountName: `  ${name} `, firstName: "<b>Grace</b>" })).toEqual({ redirectedTo: "/" });
    expect(await getDb().account.findFirstOrThrow()).toMatchObject({ name });
    expect(await getDb().user.findFirstOrThrow()).toMatchObject({ firstName: "<b>Grace</b>" });
  });

  it("two browsers submitting the same link at once make exactly one account", async () => {
    const token = await freshLink();
    const results = await Promise.all([
      submit(token, { accountName: "First Co", email: "first@first.example" }),
      submit(token, { accountName: "Second Co", email: "second@second.example" }),
    ]);
    expect(results.filter((r) => "redirectedTo" in r)).toEqual([{ redirectedTo: "/" }]);
    expect(results.filter((r) => !("redirectedTo" in r))).toEqual([{ ok: false, formError: en.setup.closed.used }]);
    expect(await counts()).toEqual({ accounts: 1, users: 1, withPassword: 1 });
    expect(signIn).toHaveBeenCalledTimes(1);
  });

  it("two valid links (replicas) racing still make one account; the other is told setup is done", async () => {
    const a = newToken();
    const b = newToken();
    const expiresAt = new Date(Date.now() + 3_600_000);
    await getDb().setupToken.createMany({ data: [{ tokenHash: hashToken(a), expiresAt }, { tokenHash: hashToken(b), expiresAt }] });
    const results = await Promise.all([submit(a, { email: "a@a.example" }), submit(b, { email: "b@b.example" })]);
    expect(results.filter((r) => "redirectedTo" in r)).toHaveLength(1);
    // The loser's link was voided by the winner, or it ran second and found the account.
    expect([en.setup.closed.unknown, en.setup.closed.done]).toContainEqual((results.find((r) => !("redirectedTo" in r)) as { formError: string }).formError);
    expect(await counts()).toEqual({ accounts: 1, users: 1, withPassword: 1 });
  });

  it("once an account exists /setup is a 404, even with a valid link, and the action refuses", async () => {
    const token = await freshLink();
    await createInvitedAccount(getDb(), { name: "Made headless", holder: "ops@made.example" });
    expect(await setupLinkState(getDb(), token)).toBe("done");
    await expect(SetupPage({ searchParams: Promise.resolve({ token }) })).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_HTTP_ERROR_FALLBACK;404/) });
    await expect(SetupPage({ searchParams: Promise.resolve({}) })).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_HTTP_ERROR_FALLBACK;404/) });
    expect(await submit(token)).toEqual({ ok: false, formError: en.setup.closed.done });
    expect(await getDb().account.count()).toBe(1);
    expect(await getDb().setupToken.count({ where: { usedAt: null } })).toBe(1); // the refusal rolled back
  });
});

/** Runs scripts/account-create.ts with these arguments until it exits. */
async function accountCreate(...args: string[]): Promise<{ code: number | null; output: string }> {
  const script = runScript("account-create.ts", { APP_URL: "https://admin.example.test" }, args);
  const code = await new Promise<number | null>((resolve) => script.child.once("close", resolve));
  return { code, output: script.output() };
}

describe("npm run account:create", () => {
  it("creates an account with an invited holder and prints a working invitation link; the queued email keeps the placeholder", async () => {
    const { code, output } = await accountCreate("--name", "Acme IT", "--holder", "Holder@Acme.example", "--first-name", "Ada", "--last-name", "Lovelace", "--locale", "fr");
    expect(code, output).toBe(0);
    const link = /https:\/\/admin\.example\.test\/invitations\/([A-Za-z0-9_-]{43})/.exec(output);
    expect(link, output).not.toBeNull();
    const token = link![1];

    const holder = await getDb().user.findUniqueOrThrow({ where: { email: "holder@acme.example" }, include: { account: true } });
    expect(holder).toMatchObject({ role: "ACCOUNT_HOLDER", status: "INVITED", passwordHash: null, firstName: "Ada", lastName: "Lovelace", locale: "fr" });
    expect(holder.account.name).toBe("Acme IT");
    expect(await getDb().auditEvent.findMany({ where: { accountId: holder.accountId } })).toMatchObject([{ action: "account.created", actorId: null }]);

    const [email] = await getDb().outboxEmail.findMany({ where: { accountId: holder.accountId } });
    expect(email).toMatchObject({ kind: "welcome", recipient: "holder@acme.example", locale: "fr" });
    expect(email.text).toContain(`/invitations/${LINK_TOKEN_PLACEHOLDER}`);
    expect(email.text + email.html + email.subject).not.toContain(token);

    // The same invitation flow as any: open, from the account (no inviter to name), accepted once.
    expect(await viewInvitation(getDb(), token, null)).toMatchObject({ state: "open", kind: "WELCOME", accountName: "Acme IT", inviterName: null });
    await acceptWelcome(getDb(), { token, firstName: "Ada", lastName: "Lovelace", password: PASSWORD });
    expect(await getDb().user.findUniqueOrThrow({ where: { id: holder.id } })).toMatchObject({ status: "ACTIVE", role: "ACCOUNT_HOLDER" });
    expect(await authenticate(getDb(), holder.email, PASSWORD)).toEqual({ id: holder.id, sessionVersion: 0 });
    expect(await viewInvitation(getDb(), token, null)).toMatchObject({ state: "accepted" });
  }, 60_000);

  it("refuses an address that already has a user, and bad arguments, with exit code 1 and a clear message", async () => {
    await createInvitedAccount(getDb(), { name: "First", holder: "taken@acme.example" });
    const taken = await accountCreate("--name", "Second", "--holder", "TAKEN@acme.example");
    expect(taken).toMatchObject({ code: 1, output: expect.stringContaining("taken@acme.example already has a user") });

    const bad = await accountCreate("--name", "", "--holder", "not-an-address", "--locale", "xx");
    expect(bad.code).toBe(1);
    expect(bad.output).toContain(`--name: ${en.validation.required}`);
    expect(bad.output).toContain(`--holder: ${en.validation.email}`);
    expect(bad.output).toContain(`--locale: ${en.validation.invalid}`);
    expect(await accountCreate("--holder", "x@y.example", "--unknown")).toMatchObject({ code: 1, output: expect.stringContaining("Usage: npm run account:create") });
    expect(await getDb().account.count()).toBe(1);
  }, 60_000);

  it("several accounts may be made this way; a user of one can't be the holder of another", async () => {
    await createInvitedAccount(getDb(), { name: "Customer A", holder: "a@customer-a.example" });
    await createInvitedAccount(getDb(), { name: "Customer B", holder: "b@customer-b.example" });
    await expect(createInvitedAccount(getDb(), { name: "Customer C", holder: "a@customer-a.example" })).rejects.toMatchObject({ messageKey: "setup.errors.emailTaken" });
    // Two at once with the same address: one account.
    const both = await Promise.allSettled([
      createInvitedAccount(getDb(), { name: "Race 1", holder: "same@race.example" }),
      createInvitedAccount(getDb(), { name: "Race 2", holder: "same@race.example" }),
    ]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(both.find((r) => r.status === "rejected")).toMatchObject({ reason: { messageKey: "setup.errors.emailTaken" } });
    expect((await getDb().account.findMany({ orderBy: { name: "asc" } })).map((a) => a.name)).toEqual(["Customer A", "Customer B", expect.stringMatching(/^Race [12]$/)]);
  });
});

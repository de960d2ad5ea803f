import "server-only";
import { randomUUID } from "node:crypto";
import type { ActionContext } from "@/lib/actions/define-action";
import { NotFoundError, UserFacingError } from "@/lib/actions/errors";
import type { AuditEntry } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/current-user";
import type { Tx } from "@/lib/db/client";
import type { AccountRole, Locale } from "@/lib/generated/prisma/enums";
import { issueInvitations, transferInvitationsToday, type InvitationToIssue } from "@/lib/invitations/issue";
import { transferInvitationsPerDay } from "@/lib/invitations/tokens";
import { addProducts } from "@/lib/licences/assign";
import { parseTemplate, type TemplateSource } from "@/lib/mail/templates";
import { assertCanAssignRole } from "@/lib/permissions";
import type { RowOutcome } from "@/lib/users/outcomes";
import { lockAccount } from "@/lib/users/rules";
import { userKeys } from "@/lib/users/search-key";
import type { AddUsersInput } from "@/lib/validation/add-users";

/** One user to add, with the settings that apply to them (the batch's, or the row's own in an import). */
export interface NewUserRow {
  row: number;
  email: string;
  firstName: string;
  lastName: string;
  locale: Locale;
  timeZone: string;
  groupId: string | null;
  role: AccountRole;
}

export interface AddUsersScope {
  db: Tx;
  accountId: string;
  /** Who adds them: the inviter named in the emails, the actor of the audit events. */
  user: Actor;
  audit(entry: AuditEntry): void;
}

/** What to do when the seats left can't cover every new user: refuse everything, or add as many as fit. */
type Shortage = "refuse" | "addWhatFits";

/**
 * Adds rows of users in the caller's transaction: each new address becomes an invited user with
 * the products and a welcome email; an address of another account gets a transfer invitation; one
 * already here, or repeated, is reported and left alone. Group ids must already be the account's.
 */
export async function addUserRows(
  scope: AddUsersScope,
  rows: NewUserRow[],
  options: { products: string[]; welcomeTemplate?: TemplateSource; shortage: Shortage },
): Promise<RowOutcome[]> {
  for (const role of new Set(rows.map((r) => r.role))) assertCanAssignRole(scope.user.role, role);
  const subscriptions = await subscriptionsFor(scope.db, scope.accountId, options.products, { lock: options.shortage === "addWhatFits" });

  const existing = new Map(
    (await scope.db.user.findMany({
      where: { email: { in: rows.map((r) => r.email) } },
      select: { id: true, accountId: true, email: true, firstName: true, locale: true, timeZone: true },
    })).map((u) => [u.email, u]),
  );
  // Refusing a shortage is decided below, for all rows at once; taking what fits stops at the seats left.
  const seatsLeft = options.shortage === "addWhatFits" ? seatsLeftOf(subscriptions) : Infinity;
  const ownerOf = (email: string) => existing.get(email)?.accountId;
  // Asked whenever an address is new here, not only for transfers: the answer mustn't depend on which are users elsewhere.
  const transfersLeft = rows.some((r) => ownerOf(r.email) !== scope.accountId) ? await transfersLeftToday(scope) : Infinity;
  const outcomes = planRows(rows, ownerOf, scope.accountId, seatsLeft, transfersLeft);
  const creating: (NewUserRow & { id: string })[] = [];
  const transfers: (InvitationToIssue & { row: NewUserRow })[] = [];
  rows.forEach((row, i) => {
    if (outcomes[i].outcome === "created") creating.push({ ...row, id: randomUUID() });
    if (outcomes[i].outcome === "transferInvited") {
      transfers.push({ row, user: existing.get(row.email)!, kind: "TRANSFER", role: row.role, groupId: row.groupId, productCodes: options.products });
    }
  });
  // Fail fast before writing anything; the claim below is what guarantees the seats.
  const short = subscriptions.find((s) => creating.length > s.seatsPurchased - s.seatsUsed);
  if (short) {
    throw new UserFacingError("errors.notEnoughSeatsFor", { needed: creating.length, available: Math.max(0, short.seatsPurchased - short.seatsUsed), product: short.product.name }, "products");
  }

  // skipDuplicates + count: an address added by someone else since we looked refuses everything.
  const inserted = await scope.db.user.createMany({
    data: creating.map((row) => ({
      id: row.id, accountId: scope.accountId, email: row.email, firstName: row.firstName, lastName: row.lastName, ...userKeys(row),
      role: row.role, status: "INVITED" as const, locale: row.locale, timeZone: row.timeZone, groupId: row.groupId,
    })),
    skipDuplicates: true,
  });
  if (inserted.count !== creating.length) throw new UserFacingError("errors.addedMeanwhile");

  const welcomes: InvitationToIssue[] = creating.map((row) => ({
    user: { id: row.id, email: row.email, firstName: row.firstName, locale: row.locale, timeZone: row.timeZone },
    kind: "WELCOME",
  }));
  await issueInvitations(scope.db, scope.accountId, { ...scope.user, accountName: scope.user.account.name }, [...welcomes, ...transfers], { welcomeTemplate: options.welcomeTemplate });
  for (const row of creating) {
    scope.audit({
      action: "user.create", targetType: "user", targetId: row.id,
      after: { email: row.email, firstName: row.firstName, lastName: row.lastName, role: row.role, locale: row.locale, timeZone: row.timeZone, groupId: row.groupId },
    });
  }
  for (const t of transfers) {
    scope.audit({ action: "invitation.transfer", targetType: "user", targetId: t.user.id, after: { email: t.user.email, role: t.row.role, groupId: t.row.groupId, products: options.products } });
  }
  // Seats last: each claim holds its subscription row until commit.
  if (creating.length > 0) {
    for (const productCode of options.products) {
      await addProducts(scope, { selection: { mode: "ids", ids: creating.map((r) => r.id) }, expectedCount: creating.length, productCode, notify: false });
    }
  }
  return outcomes;
}

/** Transfer invitations the account may still send today, under the account lock (no two requests both take the last). */
async function transfersLeftToday(scope: AddUsersScope): Promise<number> {
  await lockAccount(scope.db, scope.accountId);
  return Math.max(0, transferInvitationsPerDay() - (await transferInvitationsToday(scope.db, scope.accountId)));
}

/**
 * What becomes of each row, in order: an address repeated in the rows, already in this account, in
 * another account (a transfer invitation), past the seats left, or new. The one rule for adding
 * users and for the import's report, which predicts what its reflection will do (the report's
 * `ownerOf` knows only this account's addresses: see decision 0009). Once the day's transfer
 * invitations are used up, every address outside the account waits for the next day, new ones
 * too: refusing only the transfers would tell which addresses have users elsewhere.
 */
export function planRows(
  rows: { row: number; email: string }[],
  ownerOf: (email: string) => string | undefined,
  accountId: string,
  seatsLeft: number,
  transfersLeft = Infinity,
): RowOutcome[] {
  const firstRowOf = new Map<string, number>();
  let created = 0;
  let transfers = 0;
  return rows.map(({ row, email }): RowOutcome => {
    const seen = firstRowOf.get(email);
    if (seen) return { row, email, outcome: "duplicate", firstRow: seen };
    firstRowOf.set(email, row);
    const owner = ownerOf(email);
    if (owner === accountId) return { row, email, outcome: "alreadyInAccount" };
    if (transfers >= transfersLeft) return { row, email, outcome: "dailyLimit" };
    if (owner) {
      transfers += 1;
      return { row, email, outcome: "transferInvited" };
    }
    if (created >= seatsLeft) return { row, email, outcome: "noSeats" };
    created += 1;
    return { row, email, outcome: "created" };
  });
}

/** The fewest seats left among the subscriptions (Infinity without any). */
export const seatsLeftOf = (subscriptions: { seatsPurchased: number; seatsUsed: number }[]) =>
  Math.min(Infinity, ...subscriptions.map((s) => s.seatsPurchased - s.seatsUsed));

/**
 * The account's subscriptions of the chosen products, NotFound for a product it doesn't have;
 * `lock` when new users take what fits (a background reflection decides who gets the last seats,
 * so it reads them under the lock).
 */
export async function subscriptionsFor(db: Tx, accountId: string, products: string[], { lock }: { lock: boolean }) {
  if (products.length === 0) return [];
  if (lock) {
    await db.$queryRaw`
      SELECT s.id FROM "Subscription" s JOIN "Product" p ON p.id = s."productId"
      WHERE s."accountId" = ${accountId}::uuid AND p.code = ANY(${products}::text[]) ORDER BY s.id FOR UPDATE OF s`;
  }
  const subscriptions = await db.subscription.findMany({
    where: { accountId, product: { code: { in: products } } },
    select: { seatsPurchased: true, seatsUsed: true, product: { select: { name: true } } },
  });
  if (subscriptions.length !== new Set(products).size) throw new NotFoundError();
  return subscriptions;
}

/** This send's own welcome template, refused with a field error if it doesn't parse. */
function customTemplate(input: AddUsersInput): TemplateSource | undefined {
  if (!input.customSubject?.trim() || !input.customBody?.trim()) return undefined;
  const template = { subject: input.customSubject, body: input.customBody };
  for (const [field, source] of [["customSubject", template.subject], ["customBody", template.body]] as const) {
    if (parseTemplate("welcome", source).problems.length > 0) throw new UserFacingError("validation.template", {}, field);
  }
  return template;
}

/** The account's group, or null for "none"; another account's id is not found. */
export async function accountGroupId(db: Tx, accountId: string, groupId: string): Promise<string | null> {
  if (groupId === "none") return null;
  const group = await db.userGroup.findFirst({ where: { id: groupId, accountId }, select: { id: true } });
  if (!group) throw new NotFoundError();
  return group.id;
}

/**
 * Add user (the form), all or nothing, in the action's transaction: every row gets the form's
 * settings; a seat shortage refuses the whole submission with the numbers.
 */
export async function addUsers(ctx: ActionContext, input: AddUsersInput) {
  assertCanAssignRole(ctx.user.role, input.role);
  const welcomeTemplate = customTemplate(input);
  const groupId = await accountGroupId(ctx.db, ctx.accountId, input.groupId);
  const rows = input.rows.map((r, i) => ({ ...r, row: i + 1, locale: input.locale, timeZone: input.timeZone, groupId, role: input.role }));
  const outcomes = await addUserRows(ctx, rows, { products: input.products, welcomeTemplate, shortage: "refuse" });
  const count = (outcome: RowOutcome["outcome"]) => outcomes.filter((o) => o.outcome === outcome).length;
  return { rows: outcomes, created: count("created"), transferInvited: count("transferInvited"), skipped: outcomes.length - count("created") - count("transferInvited") };
}

import "server-only";
import { randomUUID } from "node:crypto";
import type { ActionContext } from "@/lib/actions/define-action";
import { NotFoundError, UserFacingError } from "@/lib/actions/errors";
import { issueInvitations, type InvitationToIssue } from "@/lib/invitations/issue";
import { addProducts } from "@/lib/licences/assign";
import { parseTemplate, type TemplateSource } from "@/lib/mail/templates";
import { assertCanAssignRole } from "@/lib/permissions";
import type { RowOutcome } from "@/lib/users/outcomes";
import { userKeys } from "@/lib/users/search-key";
import type { AddUsersInput } from "@/lib/validation/add-users";


/** This send's own welcome template, refused with a field error if it doesn't parse. */
function customTemplate(input: AddUsersInput): TemplateSource | undefined {
  if (!input.customSubject?.trim() || !input.customBody?.trim()) return undefined;
  const template = { subject: input.customSubject, body: input.customBody };
  for (const [field, source] of [["customSubject", template.subject], ["customBody", template.body]] as const) {
    if (parseTemplate("welcome", source).problems.length > 0) throw new UserFacingError("validation.template", {}, field);
  }
  if (/[\r\n]/.test(template.subject)) throw new UserFacingError("validation.invalid", {}, "customSubject");
  return template;
}

/**
 * Adds users from the Add user form, all or nothing, in the action's transaction: each new
 * address becomes an invited user with the batch's settings, products and a welcome email; an
 * address of another account gets a transfer invitation instead; one already here, or repeated
 * in the form, is reported and left alone. Seats are claimed for all new users at once, so a
 * shortage refuses the whole submission with the numbers.
 */
export async function addUsers(ctx: ActionContext, input: AddUsersInput) {
  assertCanAssignRole(ctx.user.role, input.role);
  const welcomeTemplate = customTemplate(input);
  const groupId = input.groupId === "none" ? null : input.groupId;
  if (groupId && !(await ctx.db.userGroup.findFirst({ where: { id: groupId, accountId: ctx.accountId }, select: { id: true } }))) {
    throw new NotFoundError();
  }
  const subscriptions = await ctx.db.subscription.findMany({
    where: { accountId: ctx.accountId, product: { code: { in: input.products } } },
    select: { seatsPurchased: true, seatsUsed: true, product: { select: { name: true } } },
  });
  if (subscriptions.length !== new Set(input.products).size) throw new NotFoundError();

  const existing = new Map(
    (await ctx.db.user.findMany({
      where: { email: { in: input.rows.map((r) => r.email) } },
      select: { id: true, accountId: true, email: true, firstName: true, locale: true, timeZone: true },
    })).map((u) => [u.email, u]),
  );
  const firstRowOf = new Map<string, number>();
  const outcomes: RowOutcome[] = [];
  const creating: (AddUsersInput["rows"][number] & { id: string })[] = [];
  const transfers: InvitationToIssue[] = [];
  input.rows.forEach((row, i) => {
    const number = i + 1;
    const seen = firstRowOf.get(row.email);
    if (seen) return outcomes.push({ row: number, email: row.email, outcome: "duplicate", firstRow: seen });
    firstRowOf.set(row.email, number);
    const found = existing.get(row.email);
    if (found?.accountId === ctx.accountId) return outcomes.push({ row: number, email: row.email, outcome: "alreadyInAccount" });
    if (found) {
      transfers.push({ user: found, kind: "TRANSFER", role: input.role, groupId, productCodes: input.products });
      return outcomes.push({ row: number, email: row.email, outcome: "transferInvited" });
    }
    creating.push({ ...row, id: randomUUID() });
    outcomes.push({ row: number, email: row.email, outcome: "created" });
  });

  // Fail fast on seats before writing anything; the claim below is what guarantees them.
  for (const s of subscriptions) {
    const left = s.seatsPurchased - s.seatsUsed;
    if (creating.length > left) throw new UserFacingError("errors.notEnoughSeatsFor", { needed: creating.length, available: Math.max(0, left), product: s.product.name }, "products");
  }

  // ON CONFLICT: an address added by someone else since we looked refuses the whole submission.
  const inserted = await ctx.db.user.createMany({
    data: creating.map((row) => ({
      id: row.id, accountId: ctx.accountId, email: row.email, firstName: row.firstName, lastName: row.lastName, ...userKeys(row),
      role: input.role, status: "INVITED" as const, locale: input.locale, timeZone: input.timeZone, groupId,
    })),
    skipDuplicates: true,
  });
  if (inserted.count !== creating.length) throw new UserFacingError("errors.addedMeanwhile");
  const inviter = { ...ctx.user, accountName: ctx.user.account.name };
  const welcomes: InvitationToIssue[] = creating.map((row) => ({
    user: { id: row.id, email: row.email, firstName: row.firstName, locale: input.locale, timeZone: input.timeZone },
    kind: "WELCOME",
  }));
  await issueInvitations(ctx.db, ctx.accountId, inviter, [...welcomes, ...transfers], { welcomeTemplate });
  for (const row of creating) {
    ctx.audit({ action: "user.create", targetType: "user", targetId: row.id, after: { email: row.email, firstName: row.firstName, lastName: row.lastName, role: input.role, locale: input.locale, timeZone: input.timeZone, groupId } });
  }
  for (const t of transfers) {
    ctx.audit({ action: "invitation.transfer", targetType: "user", targetId: t.user.id, after: { email: t.user.email, role: input.role, groupId, products: input.products } });
  }
  // Seats last: each claim holds its subscription row until commit.
  if (creating.length > 0) {
    for (const productCode of input.products) {
      await addProducts(ctx, { selection: { mode: "ids", ids: creating.map((r) => r.id) }, expectedCount: creating.length, productCode, notify: false });
    }
  }
  return {
    rows: outcomes,
    created: creating.length,
    transferInvited: transfers.length,
    skipped: outcomes.length - creating.length - transfers.length,
  };
}

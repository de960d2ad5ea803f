import "server-only";
import type { z } from "zod";
import type { ActionContext } from "@/lib/actions/define-action";
import { NotFoundError, UserFacingError } from "@/lib/actions/errors";
import type { Tx } from "@/lib/db/client";
import { assertMayManage } from "@/lib/users/rules";
import type { AccountRole } from "@/lib/generated/prisma/enums";
import { CAPABILITIES, type Capabilities, type capabilitiesSchema } from "@/lib/validation/capabilities";

/** The product that gives the capabilities their meaning. */
export const REMOTE_SUPPORT = "remote-support";

type CapabilityContext = Pick<ActionContext, "db" | "accountId" | "audit" | "user">;

/**
 * A user's product codes and capabilities, or null when the id isn't a user of this account.
 * `remoteSupport` says whether the capabilities apply: they are kept, unused, without the product.
 */
export async function findUserLicences(db: Tx, accountId: string, userId: string) {
  const user = await db.user.findFirst({
    where: { id: userId, accountId },
    select: {
      unattendedAccess: true, fileManagement: true, remoteControl: true,
      assignments: { select: { subscription: { select: { product: { select: { code: true } } } } } },
    },
  });
  if (!user) return null;
  const productCodes = user.assignments.map((a) => a.subscription.product.code).sort();
  const capabilities: Capabilities = { unattendedAccess: user.unattendedAccess, fileManagement: user.fileManagement, remoteControl: user.remoteControl };
  return { productCodes, capabilities, remoteSupport: productCodes.includes(REMOTE_SUPPORT) };
}

/**
 * Sets a user's three capabilities. Only meaningful with Remote Support, so refused without it,
 * and refused for a user whose role is above the caller's.
 * The user row is locked, and the assignment held FOR SHARE, so a concurrent removal of the
 * product waits for this change (or this change sees it gone).
 */
export async function updateCapabilities(ctx: CapabilityContext, input: z.output<typeof capabilitiesSchema>) {
  const [before] = await ctx.db.$queryRaw<({ id: string; role: AccountRole } & Capabilities)[]>`
    SELECT id, role, "unattendedAccess", "fileManagement", "remoteControl" FROM "User"
    WHERE id = ${input.id}::uuid AND "accountId" = ${ctx.accountId}::uuid
    FOR UPDATE`;
  if (!before) throw new NotFoundError();
  assertMayManage(ctx.user, [before], { self: true });
  const held = await ctx.db.$queryRaw<{ id: string }[]>`
    SELECT a.id FROM "LicenceAssignment" a
    JOIN "Subscription" s ON s.id = a."subscriptionId" JOIN "Product" p ON p.id = s."productId"
    WHERE a."userId" = ${before.id}::uuid AND a."accountId" = ${ctx.accountId}::uuid AND p.code = ${REMOTE_SUPPORT}
    FOR SHARE OF a`;
  if (held.length === 0) throw new UserFacingError("errors.needsRemoteSupport");

  const pick = (source: Capabilities): Capabilities =>
    Object.fromEntries(CAPABILITIES.map((key) => [key, source[key]])) as Capabilities;
  const previous = pick(before);
  const next = pick(input);
  if (CAPABILITIES.some((key) => previous[key] !== next[key])) {
    await ctx.db.user.update({ where: { id: before.id }, data: next });
  }
  ctx.audit({ action: "capabilities.update", targetType: "user", targetId: before.id, before: previous, after: next });
  return { id: before.id, ...next };
}

import "server-only";
import type { ActionContext } from "@/lib/actions/define-action";
import { selectTargets, type Selection } from "@/lib/users/bulk";
import { assertMayManage } from "@/lib/users/rules";
import { CAPABILITIES, type Capabilities, type Capability } from "@/lib/validation/capabilities";
import { REMOTE_SUPPORT } from "@/lib/licences/capabilities";

type Change = "keep" | "on" | "off";

/**
 * Sets capabilities for many users at once. Only users with Remote Support are changed (the
 * switches mean nothing without it); the others are counted as skipped, not refused. A selection
 * with users above the caller's role is refused whole.
 */
export async function bulkUpdateCapabilities(
  ctx: Pick<ActionContext, "db" | "accountId" | "audit" | "user">,
  input: { selection: Selection; expectedCount: number } & Record<Capability, Change>,
) {
  const targets = await selectTargets(ctx, input.selection, input.expectedCount, { lock: false });
  assertMayManage(ctx.user, targets, { self: true });
  const holders = await ctx.db.$queryRaw<({ id: string } & Capabilities)[]>`
    SELECT u.id, u."unattendedAccess", u."fileManagement", u."remoteControl" FROM "User" u
    WHERE u.id = ANY(${targets.map((t) => t.id)}::uuid[]) AND EXISTS (
      SELECT 1 FROM "LicenceAssignment" a JOIN "Subscription" s ON s.id = a."subscriptionId" JOIN "Product" p ON p.id = s."productId"
      WHERE a."userId" = u.id AND p.code = ${REMOTE_SUPPORT})
    FOR UPDATE OF u`;
  const set = Object.fromEntries(CAPABILITIES.filter((k) => input[k] !== "keep").map((k) => [k, input[k] === "on"])) as Partial<Capabilities>;
  const changing = holders.filter((u) => Object.entries(set).some(([k, v]) => u[k as Capability] !== v));
  if (changing.length > 0) await ctx.db.user.updateMany({ where: { id: { in: changing.map((u) => u.id) }, accountId: ctx.accountId }, data: set });
  for (const u of changing) {
    const keys = Object.keys(set) as Capability[];
    ctx.audit({
      action: "capabilities.update",
      targetType: "user",
      targetId: u.id,
      before: Object.fromEntries(keys.map((k) => [k, u[k]])),
      after: Object.fromEntries(keys.map((k) => [k, set[k]])),
    });
  }
  return { changed: changing.length, skipped: targets.length - holders.length };
}

import "server-only";
import type { Db } from "@/lib/db/client";
import { isUuid } from "@/lib/validation/uuid";
import { describeAuditEvents, type AuditEventRow, type AuditNames, type AuditViewer } from "./describe";

/** Events that store the email of the user they are about: what a deleted user is still called by. */
const EMAIL_KEEPERS = ["user.delete", "user.create", "invitation.transfer"];

const field = (value: unknown, key: string): string | undefined => {
  const v = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return typeof v === "string" && v ? v : undefined;
};

/**
 * Everything a page of events refers to, one query per kind (users, groups, imports, products, and
 * the stored emails of users no longer here), each by primary key or the (accountId, targetId)
 * index: the cost follows the page, not the account's size.
 */
export async function loadAuditNames(db: Db, accountId: string, events: AuditEventRow[]): Promise<AuditNames> {
  const ids = (type: string) => [...new Set(events.filter((e) => e.targetType === type && e.targetId && isUuid(e.targetId)).map((e) => e.targetId!))];
  const userIds = ids("user");
  const groupIds = new Set(ids("group"));
  const productCodes = new Set<string>();
  for (const e of events) {
    for (const side of [e.before, e.after]) {
      const groupId = field(side, "groupId");
      if (groupId && isUuid(groupId)) groupIds.add(groupId);
      if (e.action.startsWith("licence.") && side && typeof side === "object") for (const code of Object.keys(side)) productCodes.add(code);
      const products = side && typeof side === "object" ? [(side as Record<string, unknown>).products, (side as Record<string, unknown>).skippedProducts] : [];
      for (const list of products) if (Array.isArray(list)) for (const code of list) if (typeof code === "string") productCodes.add(code);
    }
  }
  const importIds = ids("import");
  const [users, groups, products, imports] = await Promise.all([
    userIds.length === 0 ? [] : db.user.findMany({ where: { accountId, id: { in: userIds } }, select: { id: true, firstName: true, lastName: true, email: true } }),
    groupIds.size === 0 ? [] : db.userGroup.findMany({ where: { accountId, id: { in: [...groupIds] } }, select: { id: true, name: true } }),
    productCodes.size === 0 ? [] : db.product.findMany({ where: { code: { in: [...productCodes] } }, select: { code: true, name: true } }),
    importIds.length === 0 ? [] : db.importBatch.findMany({ where: { accountId, id: { in: importIds } }, select: { id: true, fileName: true } }),
  ]);
  const found = new Set(users.map((u) => u.id));
  const gone = userIds.filter((id) => !found.has(id));
  const keepers = gone.length === 0 ? [] : await db.auditEvent.findMany({
    where: { accountId, targetType: "user", targetId: { in: gone }, action: { in: EMAIL_KEEPERS } },
    select: { targetId: true, before: true, after: true },
    orderBy: { createdAt: "desc" },
  });
  const goneUsers = new Map<string, string>();
  for (const k of keepers) {
    const email = field(k.before, "email") ?? field(k.after, "email");
    if (k.targetId && email && !goneUsers.has(k.targetId)) goneUsers.set(k.targetId, email);
  }
  return {
    users: new Map(users.map((u) => [u.id, u])),
    goneUsers,
    groups: new Map(groups.map((g) => [g.id, g.name])),
    products: new Map(products.map((p) => [p.code, p.name])),
    imports: new Map(imports.map((i) => [i.id, i.fileName])),
  };
}

/** A page of events as the viewer reads them: sentences, names and changes in their language and time zone. */
export async function describeAuditPage(db: Db, accountId: string, events: AuditEventRow[], viewer: AuditViewer) {
  return describeAuditEvents(events, await loadAuditNames(db, accountId, events), viewer);
}

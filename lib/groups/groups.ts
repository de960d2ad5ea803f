import "server-only";
import { NotFoundError, UserFacingError } from "@/lib/actions/errors";
import type { Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { isolate } from "@/lib/bidi";
import { userCounts } from "@/lib/users/counts";
import { foldText } from "@/lib/users/search-key";

export interface GroupSummary {
  id: string;
  name: string;
  memberCount: number;
}

/**
 * An account's groups with their member counts (from the counters: no group's users are counted
 * here), in the reader's alphabetical order (the database collation is bytewise).
 */
export async function listGroups(db: Tx, accountId: string, locale = "en"): Promise<GroupSummary[]> {
  const [groups, counts] = await Promise.all([
    db.userGroup.findMany({ where: { accountId }, select: { id: true, name: true } }),
    userCounts(db, accountId),
  ]);
  const collator = new Intl.Collator(locale, { numeric: true });
  return groups
    .map((g) => ({ id: g.id, name: g.name, memberCount: counts.get(`group:${g.id}`) ?? 0 }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * Serializes every change to one account's groups until the transaction ends. The unique index on
 * (accountId, name) is case-sensitive, so the case-insensitive check below is only safe if no other
 * request can create or rename a group between that check and the write.
 */
async function lockAccountGroups(db: Tx, accountId: string) {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`user-groups:${accountId}`}, 0))`;
}

// Compared in JavaScript: lower() on a C-collated database (the embedded one) folds ASCII only.
const comparable = (name: string) => name.normalize("NFC").toLowerCase();

/**
 * Finds a group by a name as someone typed it (a CSV cell): the same name as the app keeps unique
 * (case aside), else the one group it matches with accents aside too. Two groups may differ only by
 * accents ("Equipe", "Équipe"): a cell that matches both that way matches neither.
 */
export function groupByName(groups: { id: string; name: string }[]): (name: string) => string | undefined {
  const exact = new Map(groups.map((g) => [comparable(g.name), g.id]));
  const loose = new Map<string, string | null>();
  for (const g of groups) loose.set(foldText(g.name), loose.has(foldText(g.name)) ? null : g.id);
  return (name) => exact.get(comparable(name)) ?? loose.get(foldText(name)) ?? undefined;
}

const nameTaken = (name: string) => new UserFacingError("errors.groupNameTaken", { name: isolate(name) }, "name");

async function assertNameFree(db: Tx, accountId: string, name: string, exceptId?: string) {
  const others = await db.userGroup.findMany({
    where: { accountId, ...(exceptId && { id: { not: exceptId } }) },
    select: { name: true },
  });
  const clash = others.find((g) => comparable(g.name) === comparable(name));
  if (clash) throw nameTaken(clash.name);
}

/** The index's own verdict, for a writer that doesn't take the lock (seed, a future import). */
async function orNameTaken<T>(name: string, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw nameTaken(name);
    throw error;
  }
}

export async function createGroup(db: Tx, accountId: string, name: string) {
  await lockAccountGroups(db, accountId);
  await assertNameFree(db, accountId, name);
  return orNameTaken(name, db.userGroup.create({ data: { accountId, name }, select: { id: true, name: true } }));
}

/** Renames a group of the account; changing only the case of its own name is allowed. */
export async function renameGroup(db: Tx, accountId: string, id: string, name: string) {
  await lockAccountGroups(db, accountId);
  const group = await db.userGroup.findFirst({ where: { id, accountId }, select: { id: true, name: true } });
  if (!group) throw new NotFoundError();
  await assertNameFree(db, accountId, name, group.id);
  const renamed = await orNameTaken(name, db.userGroup.update({ where: { id: group.id, accountId }, data: { name }, select: { id: true, name: true } }));
  return { ...renamed, previousName: group.name };
}

/**
 * Deletes a group; its members stay in the account without a group. The foreign key
 * (onDelete: SetNull) would ungroup them too: doing it here first gives the exact count.
 */
export async function deleteGroup(db: Tx, accountId: string, id: string) {
  await lockAccountGroups(db, accountId);
  const group = await db.userGroup.findFirst({ where: { id, accountId }, select: { id: true, name: true } });
  if (!group) throw new NotFoundError();
  const { count } = await db.user.updateMany({ where: { accountId, groupId: group.id }, data: { groupId: null } });
  await db.userGroup.delete({ where: { id: group.id, accountId } });
  return { id: group.id, name: group.name, memberCount: count };
}

import "server-only";
import crypto from "node:crypto";
import type { ActionContext } from "@/lib/actions/define-action";
import { NotFoundError, UserFacingError } from "@/lib/actions/errors";
import type { Db, Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { DnsUnavailable, domainProven, verificationRecordName, verificationRecordValue } from "@/lib/sso/dns";
import { lockAccount } from "@/lib/users/rules";
import { emailDomain } from "@/lib/validation/sso";

type Scope = Pick<ActionContext, "db" | "accountId" | "audit">;

/** Domains one account may claim. */
export const MAX_DOMAINS = 20;

export async function listDomains(db: Db | Tx, accountId: string) {
  const domains = await db.ssoDomain.findMany({
    where: { accountId }, orderBy: [{ domain: "asc" }], take: MAX_DOMAINS,
    select: { id: true, domain: true, token: true, verifiedAt: true },
  });
  return domains.map(({ token, ...domain }) => ({ ...domain, recordName: verificationRecordName(domain.domain), recordValue: verificationRecordValue(token) }));
}

const verifiedElsewhere = (db: Db | Tx, accountId: string, domain: string) =>
  db.ssoDomain.findFirst({ where: { domain, verifiedAt: { not: null }, accountId: { not: accountId } }, select: { id: true } });

/** Claims a domain: it signs nobody in until its TXT record is found (verifyDomain). */
export async function claimDomain(ctx: Scope, domain: string) {
  await lockAccount(ctx.db, ctx.accountId);
  if (await ctx.db.ssoDomain.findUnique({ where: { accountId_domain: { accountId: ctx.accountId, domain } }, select: { id: true } })) {
    throw new UserFacingError("errors.domainAdded", {}, "domain");
  }
  if ((await ctx.db.ssoDomain.count({ where: { accountId: ctx.accountId } })) >= MAX_DOMAINS) {
    throw new UserFacingError("errors.tooManyDomains", { max: MAX_DOMAINS }, "domain");
  }
  if (await verifiedElsewhere(ctx.db, ctx.accountId, domain)) throw new UserFacingError("errors.domainTaken", {}, "domain");
  const created = await ctx.db.ssoDomain.create({
    data: { accountId: ctx.accountId, domain, token: crypto.randomBytes(24).toString("base64url") },
    select: { id: true },
  });
  ctx.audit({ action: "sso.domainAdd", targetType: "domain", targetId: created.id, after: { domain } });
  return { id: created.id, domain };
}

async function findDomain(ctx: Scope, id: string) {
  const found = await ctx.db.ssoDomain.findFirst({ where: { id, accountId: ctx.accountId }, select: { id: true, domain: true, token: true, verifiedAt: true } });
  if (!found) throw new NotFoundError();
  return found;
}

/**
 * Looks up the domain's TXT record now. Found: the domain is verified — unless another account
 * verified it first (the partial unique index decides a race). Not found, or DNS not answering:
 * a message naming the record to publish; nothing changes.
 */
export async function verifyDomain(ctx: Scope, id: string) {
  const domain = await findDomain(ctx, id);
  if (domain.verifiedAt) return { id, verified: true };
  let proven: boolean;
  try {
    proven = await domainProven(domain.domain, domain.token);
  } catch (error) {
    if (error instanceof DnsUnavailable) throw new UserFacingError("errors.dnsUnavailable", { domain: domain.domain });
    throw error;
  }
  if (!proven) throw new UserFacingError("errors.domainNotProven", { domain: domain.domain, name: verificationRecordName(domain.domain) });
  if (await verifiedElsewhere(ctx.db, ctx.accountId, domain.domain)) throw new UserFacingError("errors.domainTaken");
  try {
    await ctx.db.ssoDomain.update({ where: { id }, data: { verifiedAt: new Date() } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new UserFacingError("errors.domainTaken");
    throw error;
  }
  ctx.audit({ action: "sso.domainVerify", targetType: "domain", targetId: id, after: { domain: domain.domain } });
  return { id, verified: true };
}

export async function removeDomain(ctx: Scope, id: string) {
  const domain = await findDomain(ctx, id);
  await ctx.db.ssoDomain.delete({ where: { id } });
  ctx.audit({ action: "sso.domainRemove", targetType: "domain", targetId: id, before: { domain: domain.domain, verified: domain.verifiedAt !== null } });
  return { id };
}

/** Whether the account has verified the domain of this address. */
export async function domainVerifiedFor(db: Db | Tx, accountId: string, email: string): Promise<boolean> {
  const domain = emailDomain(email);
  if (!domain) return false;
  return (await db.ssoDomain.count({ where: { accountId, domain, verifiedAt: { not: null } } })) > 0;
}

/**
 * Where the sign-in page sends this address: the enabled connection of the account that verified
 * its domain, with that account's policy; null when the domain routes nowhere. One indexed lookup.
 */
export async function ssoRouteFor(db: Db | Tx, email: string) {
  const domain = emailDomain(email);
  if (!domain) return null;
  const route = await db.ssoDomain.findFirst({
    where: { domain, verifiedAt: { not: null }, account: { ssoConnection: { enabled: true } } },
    select: { account: { select: { ssoConnection: { select: { id: true, policy: true } } } } },
  });
  return route?.account.ssoConnection ?? null;
}

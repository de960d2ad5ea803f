-- A verified email domain belongs to one account: many accounts may claim it while they prove it,
-- the first to prove it keeps it (lib/sso/domains.ts), and no other account can verify it after.
CREATE UNIQUE INDEX IF NOT EXISTS "SsoDomain_verified_domain_key" ON "SsoDomain"("domain") WHERE "verifiedAt" IS NOT NULL;

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- DropIndex
DROP INDEX "User_accountId_createdAt_idx";

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "nameKey" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- Backfill the keys the data layer maintains from now on (common Latin accents folded here;
-- lib/users/search-key.ts folds all of them on every later write).
UPDATE "User" SET
  "nameKey" = translate(lower(trim("firstName" || ' ' || "lastName")), 'àáâãäåçèéêëìíîïñòóôõöùúûüýÿøłđð', 'aaaaaaceeeeiiiinooooouuuuyyoldd'),
  "searchText" = translate(lower(trim("firstName" || ' ' || "lastName") || ' ' || "email"), 'àáâãäåçèéêëìíîïñòóôõöùúûüýÿøłđð', 'aaaaaaceeeeiiiinooooouuuuyyoldd');

-- CreateIndex
CREATE INDEX "User_accountId_createdAt_id_idx" ON "User"("accountId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "User_accountId_nameKey_id_idx" ON "User"("accountId", "nameKey", "id");

-- CreateIndex
CREATE INDEX "User_accountId_email_id_idx" ON "User"("accountId", "email", "id");

-- CreateIndex
CREATE INDEX "User_searchText_idx" ON "User" USING GIN ("searchText" gin_trgm_ops);


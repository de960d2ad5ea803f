
-- CreateEnum
CREATE TYPE "BulkJobStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED');

-- DropIndex
DROP INDEX "User_groupId_idx";

-- CreateTable
CREATE TABLE "UserCountDelta" (
    "id" BIGSERIAL NOT NULL,
    "accountId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "delta" BIGINT NOT NULL,

    CONSTRAINT "UserCountDelta_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulkJob" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "createdById" UUID,
    "operation" TEXT NOT NULL,
    "filters" JSONB NOT NULL,
    "params" JSONB NOT NULL,
    "total" INTEGER NOT NULL,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "changed" INTEGER NOT NULL DEFAULT 0,
    "cursor" UUID,
    "status" "BulkJobStatus" NOT NULL DEFAULT 'QUEUED',
    "error" TEXT,
    "cancelRequestedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "BulkJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UserCountDelta_accountId_key_delta_idx" ON "UserCountDelta"("accountId", "key", "delta");

-- CreateIndex
CREATE INDEX "BulkJob_accountId_createdAt_idx" ON "BulkJob"("accountId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "User_accountId_status_nameKey_id_idx" ON "User"("accountId", "status", "nameKey", "id");

-- CreateIndex
CREATE INDEX "User_accountId_role_nameKey_id_idx" ON "User"("accountId", "role", "nameKey", "id");

-- CreateIndex
CREATE INDEX "User_groupId_nameKey_id_idx" ON "User"("groupId", "nameKey", "id");

-- AddForeignKey
ALTER TABLE "BulkJob" ADD CONSTRAINT "BulkJob_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulkJob" ADD CONSTRAINT "BulkJob_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- The counts of the users already there. From now on triggers (prisma/sql/user-counts.sql,
-- applied right after the migrations) append every change.
INSERT INTO "UserCountDelta" ("accountId", "key", "delta")
SELECT u."accountId", k.key, count(*) FROM "User" u,
  unnest(ARRAY['all', 'status:' || u.status, 'role:' || u.role, 'group:' || coalesce(u."groupId"::text, 'none'),
    'twoStep:' || CASE WHEN u."twoStepEnabled" THEN 'on' ELSE 'off' END]) AS k(key)
GROUP BY 1, 2;

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('DRAFT', 'SCHEDULED', 'REFLECTING', 'DONE', 'DONE_WITH_ERRORS', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ImportRowStatus" AS ENUM ('INVALID', 'PENDING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "createdById" UUID,
    "status" "ImportStatus" NOT NULL DEFAULT 'DRAFT',
    "settings" JSONB NOT NULL,
    "ignoredColumns" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "rowCount" INTEGER NOT NULL,
    "scheduledFor" TIMESTAMP(3),
    "committedAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportRow" (
    "id" UUID NOT NULL,
    "batchId" UUID NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "cells" JSONB NOT NULL,
    "values" JSONB,
    "check" TEXT NOT NULL,
    "problems" JSONB,
    "status" "ImportRowStatus" NOT NULL,
    "outcome" TEXT,
    "userId" UUID,
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "ImportRow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ImportBatch_accountId_createdAt_id_idx" ON "ImportBatch"("accountId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ImportRow_batchId_status_rowNumber_idx" ON "ImportRow"("batchId", "status", "rowNumber");

-- CreateIndex
CREATE UNIQUE INDEX "ImportRow_batchId_rowNumber_key" ON "ImportRow"("batchId", "rowNumber");

-- AddForeignKey
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportRow" ADD CONSTRAINT "ImportRow_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ImportBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;


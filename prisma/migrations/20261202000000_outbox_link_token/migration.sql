-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "linkToken" TEXT;


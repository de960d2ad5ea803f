-- AlterEnum
ALTER TYPE "EmailKind" ADD VALUE 'importRefused';


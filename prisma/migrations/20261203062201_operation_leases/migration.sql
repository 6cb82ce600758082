-- AlterTable
ALTER TABLE "operation_steps" ADD COLUMN     "target" JSONB;

-- AlterTable
ALTER TABLE "operations" ADD COLUMN     "leaseExpiresAt" TIMESTAMP(3),
ADD COLUMN     "runnerId" TEXT;

-- AlterTable
ALTER TABLE "clusters" ADD COLUMN     "routingHookSecrets" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "operation_steps" ADD COLUMN     "adminDetail" JSONB;

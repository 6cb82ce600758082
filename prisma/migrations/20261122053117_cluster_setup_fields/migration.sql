-- CreateEnum
CREATE TYPE "ClusterStatus" AS ENUM ('setting_up', 'active', 'failed');

-- AlterTable
ALTER TABLE "clusters" ADD COLUMN     "pgMajor" INTEGER,
ADD COLUMN     "replicationRole" TEXT,
ADD COLUMN     "replicationSecret" TEXT,
ADD COLUMN     "settings" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "status" "ClusterStatus" NOT NULL DEFAULT 'setting_up';

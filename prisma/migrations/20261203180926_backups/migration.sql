-- CreateEnum
CREATE TYPE "BackupRepositoryKind" AS ENUM ('host', 's3');

-- CreateTable
CREATE TABLE "backup_plans" (
    "clusterId" INTEGER NOT NULL,
    "stanza" TEXT NOT NULL,
    "compressType" TEXT NOT NULL DEFAULT 'zst',
    "processMax" INTEGER NOT NULL DEFAULT 2,
    "backupStandby" BOOLEAN NOT NULL DEFAULT false,
    "fullEveryHours" INTEGER NOT NULL DEFAULT 168,
    "diffEveryHours" INTEGER NOT NULL DEFAULT 24,
    "incrEveryHours" INTEGER NOT NULL DEFAULT 1,
    "scheduleOn" BOOLEAN NOT NULL DEFAULT true,
    "smokeTestSql" TEXT NOT NULL DEFAULT '',
    "drillHostId" INTEGER,
    "drillEveryDays" INTEGER NOT NULL DEFAULT 0,
    "enabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "backup_plans_pkey" PRIMARY KEY ("clusterId")
);

-- CreateTable
CREATE TABLE "backup_repositories" (
    "id" SERIAL NOT NULL,
    "clusterId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" "BackupRepositoryKind" NOT NULL,
    "hostId" INTEGER,
    "path" TEXT NOT NULL,
    "s3Endpoint" TEXT,
    "s3Port" INTEGER,
    "s3Bucket" TEXT,
    "s3Region" TEXT,
    "s3PathStyle" BOOLEAN NOT NULL DEFAULT true,
    "s3VerifyTls" BOOLEAN NOT NULL DEFAULT true,
    "s3CaCertificate" TEXT,
    "s3KeySecret" TEXT,
    "s3SecretSecret" TEXT,
    "cipherPassSecret" TEXT,
    "retentionFull" INTEGER NOT NULL DEFAULT 2,
    "retentionFullType" TEXT NOT NULL DEFAULT 'count',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "backup_repositories_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "backup_catalogs" (
    "clusterId" INTEGER NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL,
    "info" JSONB NOT NULL,

    CONSTRAINT "backup_catalogs_pkey" PRIMARY KEY ("clusterId")
);

-- CreateIndex
CREATE UNIQUE INDEX "backup_plans_stanza_key" ON "backup_plans"("stanza");

-- CreateIndex
CREATE UNIQUE INDEX "backup_repositories_clusterId_number_key" ON "backup_repositories"("clusterId", "number");

-- AddForeignKey
ALTER TABLE "backup_plans" ADD CONSTRAINT "backup_plans_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "backup_plans" ADD CONSTRAINT "backup_plans_drillHostId_fkey" FOREIGN KEY ("drillHostId") REFERENCES "hosts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "backup_repositories" ADD CONSTRAINT "backup_repositories_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "backup_plans"("clusterId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "backup_repositories" ADD CONSTRAINT "backup_repositories_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "hosts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "backup_catalogs" ADD CONSTRAINT "backup_catalogs_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "backup_plans"("clusterId") ON DELETE CASCADE ON UPDATE CASCADE;

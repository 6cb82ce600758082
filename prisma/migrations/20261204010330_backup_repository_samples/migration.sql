-- CreateTable
CREATE TABLE "backup_repository_samples" (
    "id" BIGSERIAL NOT NULL,
    "clusterId" INTEGER NOT NULL,
    "repository" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "freeBytes" BIGINT NOT NULL,
    "totalBytes" BIGINT NOT NULL,
    "usedBytes" BIGINT,

    CONSTRAINT "backup_repository_samples_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "backup_repository_samples_clusterId_repository_at_idx" ON "backup_repository_samples"("clusterId", "repository", "at");

-- CreateIndex
CREATE INDEX "backup_repository_samples_at_idx" ON "backup_repository_samples"("at");

-- AddForeignKey
ALTER TABLE "backup_repository_samples" ADD CONSTRAINT "backup_repository_samples_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

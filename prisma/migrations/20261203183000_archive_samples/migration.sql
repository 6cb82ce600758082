-- CreateTable
CREATE TABLE "archive_samples" (
    "id" BIGSERIAL NOT NULL,
    "clusterId" INTEGER NOT NULL,
    "hostId" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "failedCount" BIGINT NOT NULL,
    "lastArchivedAt" TIMESTAMPTZ(3),
    "readySegments" INTEGER,
    "walDirectoryBytes" BIGINT,

    CONSTRAINT "archive_samples_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "archive_samples_clusterId_at_idx" ON "archive_samples"("clusterId", "at");

-- CreateIndex
CREATE INDEX "archive_samples_at_idx" ON "archive_samples"("at");

-- AddForeignKey
ALTER TABLE "archive_samples" ADD CONSTRAINT "archive_samples_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

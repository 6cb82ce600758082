-- AlterTable
ALTER TABLE "cluster_members" ADD COLUMN     "fenceEnforcedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "fence_enforcements" (
    "id" SERIAL NOT NULL,
    "clusterId" INTEGER NOT NULL,
    "hostId" INTEGER NOT NULL,
    "trigger" TEXT NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL,
    "wasRunning" BOOLEAN NOT NULL,
    "stoppedAt" TIMESTAMP(3),
    "windowMs" INTEGER,
    "ok" BOOLEAN NOT NULL,
    "outcome" TEXT NOT NULL,
    "commands" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fence_enforcements_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "fence_enforcements_clusterId_createdAt_idx" ON "fence_enforcements"("clusterId", "createdAt");

-- AddForeignKey
ALTER TABLE "fence_enforcements" ADD CONSTRAINT "fence_enforcements_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fence_enforcements" ADD CONSTRAINT "fence_enforcements_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "hosts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
